"""Blinding: tokens of a listed set (identity terms) are all read as one placeholder token.

The featurizer applies it to the attribute ids it reads from each doc, before anything is hashed:
string attributes (NORM, PREFIX, SUFFIX, SHAPE, the vectors' key, ...) become the placeholder's id,
numeric ones (IS_PUNCT, LENGTH, ...) zero. An indefinite article just before a listed term reads as
"a" whatever it was ("an Asian", "a Black"), or the article would tell the terms apart. Every
feature downstream (embeddings, n-grams, vectors, lexicon) then sees the same tokens, so no
prediction can depend on which listed term a post uses. A term of two tokens ("South Asian") still
differs from a one-token term by its first token.
The list travels with the model's weights (`blinded.keys`, see `ml/serialization.py`), so a later
change of the built-in list never changes a trained model.
"""
from typing import Iterable, Sequence

import numpy
from spacy.attrs import IDS
from spacy.strings import get_string_id

from .id_cache import find_sorted

PLACEHOLDER = "<identity>"
STRING_ATTRS = frozenset(IDS[name] for name in ("ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LEMMA"))
ARTICLES = frozenset(get_string_id(form) for form in ("a", "an"))
_A = get_string_id("a")
_ARTICLE = {IDS["SHAPE"]: get_string_id("x")}  # every other string attribute of "a" is "a"


class BlindTerms:
    """A sorted set of NORM ids, and how to overwrite their tokens' attribute ids."""

    def __init__(self, keys: numpy.ndarray):
        self.keys = numpy.unique(numpy.asarray(keys, dtype=numpy.uint64))
        self.placeholder = numpy.uint64(get_string_id(PLACEHOLDER))
        # a direct-mapped bitmap of the listed ids' low bits: one small gather rules out almost every
        # token; only the few that pass are searched for exactly
        self._maybe = numpy.zeros(1 << 16, dtype=bool)
        self._maybe[(self.keys & numpy.uint64(0xFFFF)).astype(numpy.intp)] = True

    @classmethod
    def from_forms(cls, forms: Iterable[str]) -> "BlindTerms":
        return cls(numpy.fromiter((get_string_id(form.lower()) for form in forms), dtype=numpy.uint64))

    def __len__(self) -> int:
        return len(self.keys)

    def apply(self, keys: numpy.ndarray, norm_column: int, attr_ids: Sequence[int], first_token: numpy.ndarray) -> None:
        """Overwrite, in place, every row of `keys` (n_tokens, len(attr_ids)) whose NORM is listed, and
        the article before it; `first_token` marks where docs start (an article never crosses them)."""
        norms = keys[:, norm_column]
        candidates = numpy.flatnonzero(self._maybe[(norms & numpy.uint64(0xFFFF)).astype(numpy.intp)])
        if not len(candidates):
            return
        listed = numpy.zeros(len(norms), dtype=bool)
        listed[candidates] = find_sorted(self.keys, norms[candidates])[1]
        if not listed.any():
            return
        article = numpy.zeros(len(norms), dtype=bool)
        article[:-1] = listed[1:] & numpy.isin(norms[:-1], list(ARTICLES))
        article[first_token[first_token > 0] - 1] = False
        for column, attr in enumerate(attr_ids):
            keys[listed, column] = self.placeholder if attr in STRING_ATTRS else 0
            if article.any():
                keys[article, column] = _ARTICLE.get(attr, _A) if attr in STRING_ATTRS else keys[article, column]
