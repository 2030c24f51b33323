"""What kind of word a lexicon entry is: bit flags of its `kinds` (an entry can be a negator and carry a
valence, e.g. "no"). Part of the table a model reads and saves (`lexicon_table.SentimentLexicon.kinds`);
`lexicon.function_words` sets them for its word lists."""

NEGATOR = 1
INTENSIFIER = 2
DIMINISHER = 4
CONTRAST = 8
EMOJI = 16
