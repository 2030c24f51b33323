"""Counterfactual copies of labelled posts: the same post with an identity term swapped for another.

In the corpus, identity terms are rare and lopsided (most tweets that say "muslim" or "gay" are
labelled negative, for what they report, not for the word), so a model learns the word itself as
negative. Copies that differ only in the term, with the same label, leave it nothing to learn
from the term.
"""
import random
import re
from typing import List

from ...text.english import cap
from .word_pools import IDENTITIES

# Colour words are identity terms only sometimes ("black friday"): they are swapped in, never out.
SWAPPABLE = tuple(term for term in IDENTITIES if term.lower() not in {"black", "white"})
_PATTERN = re.compile(r"\b(" + "|".join(re.escape(term) for term in SWAPPABLE) + r")\b", re.IGNORECASE)


def identity_swaps(text: str, rng: random.Random, copies: int) -> List[str]:
    """Up to `copies` versions of `text` with every identity term replaced by another (none when
    the text has no identity term)."""
    if not _PATTERN.search(text):
        return []
    variants = []
    for _ in range(copies):
        variants.append(_PATTERN.sub(lambda match: _like(match.group(0), rng.choice(IDENTITIES)), text))
    return [variant for variant in dict.fromkeys(variants) if variant != text]


def _like(original: str, replacement: str) -> str:
    """`replacement` in capitals when `original` is, capitalised when it is, else as listed."""
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return cap(replacement)
    return replacement
