"""Word classes that change the polarity of their neighbours: negators, intensifiers, diminishers,
contrast words. Our own short English lists; other languages pass theirs (`build_lexicon`).

Forms are what spaCy's NORM gives: lowercase, "n't" already normalised to "not", "ca" to "can".
Social-media spellings without the apostrophe ("dont", "cant") are listed as negators too.
"""
from typing import Dict, Iterable

from ..ml.featurize.lexicon_kinds import CONTRAST, DIMINISHER, INTENSIFIER, NEGATOR

ENGLISH_NEGATORS = """
not no never none nobody nothing nowhere neither nor without cannot nope nah hardly barely scarcely
dont doesnt didnt isnt wasnt arent werent cant couldnt wont wouldnt shouldnt havent hasnt hadnt aint
""".split()
ENGLISH_INTENSIFIERS = """
very really so too extremely super totally absolutely incredibly highly truly completely utterly
especially particularly exceptionally remarkably seriously insanely ridiculously hella mega
most entirely deeply thoroughly amazingly awfully terribly
""".split()
ENGLISH_DIMINISHERS = """
slightly somewhat kinda sorta fairly rather partly mildly marginally moderately almost nearly occasionally
""".split()
ENGLISH_CONTRAST = "but however although though yet nevertheless nonetheless whereas except".split()


def english_function_words() -> Dict[str, int]:
    """{form: kind flags} for English."""
    kinds: Dict[str, int] = {}
    for words, flag in (
        (ENGLISH_NEGATORS, NEGATOR),
        (ENGLISH_INTENSIFIERS, INTENSIFIER),
        (ENGLISH_DIMINISHERS, DIMINISHER),
        (ENGLISH_CONTRAST, CONTRAST),
    ):
        add_kind(kinds, words, flag)
    return kinds


def add_kind(kinds: Dict[str, int], words: Iterable[str], flag: int) -> None:
    """Set `flag` on each of `words` (lowercased) in `kinds`."""
    for word in words:
        word = word.strip().lower()
        if word:
            kinds[word] = kinds.get(word, 0) | flag


FUNCTION_WORDS_BY_LANG = {"en": english_function_words}
