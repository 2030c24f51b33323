"""`[initialize.components.lstm_sentiment.lexicon]`: the lexicon a model is initialized with.

Only read when training starts (spaCy's [initialize] block); the table is then saved inside the
model, so a trained pipeline loads without these files or any extra package.
"""
from typing import Dict, Optional, Sequence

from spacy.util import registry

from ..ml.featurize.lexicon_table import SentimentLexicon
from .function_words import FUNCTION_WORDS_BY_LANG
from .readers import read_emoji_ranking, read_tsv_lexicon, read_vader_emoji, read_vader_lexicon


@registry.misc("spacy-lstm-sentiment.lexicon.v1")
def sentiment_lexicon(
    vader: Optional[str] = None,
    vader_emoji: Optional[str] = None,
    emoji_ranking: Optional[str] = None,
    tsv: Sequence[str] = (),
    tsv_scale: float = 1.0,
    function_words: Optional[str] = "en",
) -> SentimentLexicon:
    """Merge word lists into one `SentimentLexicon`.

    vader / vader_emoji / emoji_ranking: paths to VADER's word and emoji lexicons and the Emoji
        Sentiment Ranking CSV (`spacy project run download-lexicons` fetches them); null skips one.
    tsv: further `form<TAB>score` files (any language), scores divided by `tsv_scale`; they win
        over VADER for forms both rate.
    function_words: the built-in negators, intensifiers, diminishers and contrast words of this
        language ("en"), or null for none.
    """
    words: Dict[str, float] = read_vader_lexicon(vader) if vader else {}
    for path in tsv:
        words.update(read_tsv_lexicon(path, scale=tsv_scale))
    emoji: Dict[str, float] = read_vader_emoji(vader_emoji, words) if vader_emoji else {}
    if emoji_ranking:
        emoji.update(read_emoji_ranking(emoji_ranking))
    if function_words is not None and function_words not in FUNCTION_WORDS_BY_LANG:
        known = ", ".join(sorted(FUNCTION_WORDS_BY_LANG))
        raise ValueError(f"no built-in function words for {function_words!r} (known: {known}); use null")
    kinds = FUNCTION_WORDS_BY_LANG[function_words]() if function_words else {}
    return SentimentLexicon.from_entries(words, kinds, emoji)
