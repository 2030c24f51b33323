"""The sentiment lexicon a model reads: prior polarity and word class of token forms.

Entries are keyed by spaCy's 64-bit hash of the lowercase form, the same id a token's NORM has, so
a lookup is one vectorised probe of a cache of the ids seen lately (`IdCache`). An id the cache lacks
is resolved once and remembered: an elongated spelling ("soooo", "loooove") is
read as its shortened form, and flagged. The table travels inside the model's safetensors file
(`to_tensors` / `from_tensors`); nothing of it is pickled and no word list is needed to load it.
"""
import re
from typing import Dict, Mapping, Optional, Tuple

import numpy
import torch
from spacy.strings import StringStore, get_string_id

from ...errors import WeightsError
from .id_cache import IdCache, find_sorted
from .lexicon_kinds import EMOJI

TENSOR_NAMES = ("lexicon.keys", "lexicon.polarity", "lexicon.kinds")
_REPEATS = re.compile(r"(.)\1{2,}")


class SentimentLexicon:
    """Sorted form ids with their polarity (float32, [-1, 1]) and kind flags (uint8)."""

    def __init__(self, keys: numpy.ndarray, polarity: numpy.ndarray, kinds: numpy.ndarray):
        order = numpy.argsort(keys, kind="stable")
        self.keys = numpy.ascontiguousarray(keys[order], dtype=numpy.uint64)
        self.polarity = numpy.ascontiguousarray(polarity[order], dtype=numpy.float32)
        self.kinds = numpy.ascontiguousarray(kinds[order], dtype=numpy.uint8)
        self._cache = IdCache()  # ids seen lately -> their code (`_codes`)

    @classmethod
    def from_entries(
        cls, polarity: Mapping[str, float], kinds: Mapping[str, int], emoji: Optional[Mapping[str, float]] = None
    ) -> "SentimentLexicon":
        """Build from {form: polarity}, {form: kind flags} (function words, rated 0) and
        {emoji: polarity} (flagged `EMOJI`)."""
        merged: Dict[str, Tuple[float, int]] = {}
        for form, value in polarity.items():
            merged[form.lower()] = (float(value), 0)
        for form, value in (emoji or {}).items():
            merged[form] = (float(value), EMOJI)
        for form, flags in kinds.items():
            # a function word acts on its neighbours; its own rating ("truly" +1.8, "no" -1.2) would
            # count twice, so it keeps none
            _, old = merged.get(form.lower(), (0.0, 0))
            merged[form.lower()] = (0.0, old | int(flags))
        forms = list(merged)
        keys = numpy.fromiter((get_string_id(form) for form in forms), dtype=numpy.uint64, count=len(forms))
        values = numpy.asarray([merged[f][0] for f in forms], dtype=numpy.float32)
        flags = numpy.asarray([merged[f][1] for f in forms], dtype=numpy.uint8)
        if len(numpy.unique(keys)) != len(keys):
            raise ValueError("two lexicon forms share a hash id")
        return cls(keys, numpy.clip(values, -1.0, 1.0), flags)

    def __len__(self) -> int:
        return len(self.keys)

    def lookup(self, ids: numpy.ndarray, strings: StringStore) -> Tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """(polarity, kinds, elongated) for each token id (uint64 NORM ids); zeros where unknown."""
        if not len(self.keys):
            zeros = numpy.zeros(len(ids), dtype=numpy.float32)
            return zeros, zeros.astype(numpy.uint8), numpy.zeros(len(ids), dtype=bool)
        codes = self._cache.lookup(ids, lambda new: self._codes(new, strings))
        found = codes >= 0
        rows = numpy.where(found, codes >> 1, 0)
        polarity = numpy.where(found, self.polarity[rows], 0.0).astype(numpy.float32)
        kinds = numpy.where(found, self.kinds[rows], 0).astype(numpy.uint8)
        return polarity, kinds, found & (codes & 1).astype(bool)

    def _codes(self, ids: numpy.ndarray, strings: StringStore) -> numpy.ndarray:
        """Each id's row * 2 (+ 1 when found through its shortened, de-elongated form), or -1."""
        rows, exact = find_sorted(self.keys, ids)
        codes = numpy.where(exact, 2 * rows, -1)
        for i in numpy.flatnonzero(~exact):
            codes[i] = self._shortened_code(int(ids[i]), strings)
        return codes

    def _shortened_code(self, key: int, strings: StringStore) -> int:
        """The code of a form the lexicon lacks when one of its shortened forms is in it, else -1."""
        form = strings[key] if key in strings else None
        if form and _REPEATS.search(form):
            for shortened in (_REPEATS.sub(r"\1\1", form), _REPEATS.sub(r"\1", form)):
                row = self._row(get_string_id(shortened))
                if row >= 0:
                    return 2 * row + 1
        return -1

    def _row(self, key: int) -> int:
        row = int(numpy.searchsorted(self.keys, numpy.uint64(key)))
        return row if row < len(self.keys) and int(self.keys[row]) == key else -1

    def to_tensors(self) -> Dict[str, torch.Tensor]:
        """The table as tensors for the model's safetensors file (ids stored as int64 bit patterns)."""
        return {
            "lexicon.keys": torch.from_numpy(self.keys.view(numpy.int64).copy()),
            "lexicon.polarity": torch.from_numpy(self.polarity.copy()),
            "lexicon.kinds": torch.from_numpy(self.kinds.copy()),
        }

    @classmethod
    def from_tensors(cls, tensors: Mapping[str, torch.Tensor], source: str) -> "SentimentLexicon":
        """Rebuild the table, checking names, dtypes and sizes; errors are WeightsErrors naming `source`."""
        missing = [name for name in TENSOR_NAMES if name not in tensors]
        if missing:
            raise WeightsError(f"{source}: the model reads a sentiment lexicon, but {', '.join(missing)} is missing")
        keys, polarity, kinds = (tensors[name] for name in TENSOR_NAMES)
        expected = {"lexicon.keys": torch.int64, "lexicon.polarity": torch.float32, "lexicon.kinds": torch.uint8}
        for name, tensor in zip(TENSOR_NAMES, (keys, polarity, kinds)):
            if tensor.dtype != expected[name] or tensor.dim() != 1:
                raise WeightsError(
                    f"{source}: {name} must be a 1-d {expected[name]} tensor, got {tensor.dtype} "
                    f"of shape {tuple(tensor.shape)}"
                )
        if not len(keys) == len(polarity) == len(kinds):
            raise WeightsError(
                f"{source}: the lexicon tables disagree in size (keys {len(keys)}, polarity {len(polarity)}, "
                f"kinds {len(kinds)})"
            )
        if not bool(torch.isfinite(polarity).all()) or bool((polarity.abs() > 1).any()):
            raise WeightsError(f"{source}: lexicon.polarity holds values outside [-1, 1]")
        return cls(keys.numpy().view(numpy.uint64), polarity.numpy(), kinds.numpy())
