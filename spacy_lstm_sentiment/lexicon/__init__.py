"""Building a sentiment lexicon from word lists (VADER, the Emoji Sentiment Ranking, TSV files, function
words): the registered `spacy-lstm-sentiment.lexicon.v1`. The table a model reads is `ml/featurize/lexicon_table.py`."""
