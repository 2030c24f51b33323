"""Static word vectors the model owns: which row of its own vector table each token reads.

With `vectors_in_model = N`, `initialize` copies the vectors of the N most frequent words of the vocab's
vectors table (its first N rows; GloVe's rows are in frequency order) into the network, frozen, and
keeps here which NORM ids read which row. The model then reads no vocab vectors: it scores the same in
any pipeline, whatever vectors that pipeline's vocab has (or none). The keys travel with the weights
(`vectors.keys`, `vectors.rows`), the table as the network's `word_vectors.weight`.
"""
from typing import Dict, Mapping, Tuple

import numpy
import torch
from spacy.vectors import Vectors

from ...errors import WeightsError
from .id_cache import IdCache, find_sorted

TENSOR_NAMES = ("vectors.keys", "vectors.rows")
NO_VECTOR = 0
"""The table's row of zeros, read by every token without a vector."""


class WordVectorKeys:
    """Sorted uint64 NORM ids and the table row (1-based) each reads."""

    def __init__(self, keys: numpy.ndarray, rows: numpy.ndarray):
        order = numpy.argsort(keys, kind="stable")
        self.keys = numpy.ascontiguousarray(numpy.asarray(keys, dtype=numpy.uint64)[order])
        self.rows = numpy.ascontiguousarray(numpy.asarray(rows, dtype=numpy.int64)[order])
        self._cache = IdCache()

    def __len__(self) -> int:
        return len(self.keys)

    @classmethod
    def from_vectors(cls, vectors: Vectors, n_rows: int) -> Tuple["WordVectorKeys", numpy.ndarray]:
        """The keys of the first `n_rows` rows of a spaCy vectors table, and those rows with a zero row
        first (float32, (n + 1, width))."""
        n_rows = min(int(n_rows), int(vectors.shape[0]))
        key_rows = [(int(key), int(row)) for key, row in vectors.key2row.items() if int(row) < n_rows]
        keys = numpy.fromiter((key for key, _ in key_rows), dtype=numpy.uint64, count=len(key_rows))
        rows = numpy.fromiter((row + 1 for _, row in key_rows), dtype=numpy.int64, count=len(key_rows))
        data = numpy.asarray(vectors.data[:n_rows].get() if hasattr(vectors.data, "get") else vectors.data[:n_rows])
        table = numpy.concatenate([numpy.zeros((1, data.shape[1]), dtype=numpy.float32), data.astype(numpy.float32)])
        return cls(keys, rows), table

    def lookup(self, ids: numpy.ndarray) -> numpy.ndarray:
        """The table row each NORM id reads (`NO_VECTOR` for words without a vector)."""
        return self._cache.lookup(ids, self._rows_of)

    def _rows_of(self, ids: numpy.ndarray) -> numpy.ndarray:
        positions, found = find_sorted(self.keys, ids)
        return numpy.where(found, self.rows[positions] if len(self.rows) else NO_VECTOR, NO_VECTOR)

    def to_tensors(self) -> Dict[str, torch.Tensor]:
        return {
            "vectors.keys": torch.from_numpy(self.keys.view(numpy.int64).copy()),
            "vectors.rows": torch.from_numpy(self.rows.copy()),
        }

    @classmethod
    def from_tensors(cls, tensors: Mapping[str, torch.Tensor], n_table_rows: int, source: str) -> "WordVectorKeys":
        """Rebuild from a model file's tensors; every row must exist in a table of `n_table_rows` rows."""
        missing = [name for name in TENSOR_NAMES if name not in tensors]
        if missing:
            raise WeightsError(f"{source}: the model owns word vectors, but {', '.join(missing)} is missing")
        keys, rows = (tensors[name] for name in TENSOR_NAMES)
        if keys.dtype != torch.int64 or rows.dtype != torch.int64 or keys.dim() != 1 or keys.shape != rows.shape:
            raise WeightsError(f"{source}: vectors.keys and vectors.rows must be 1-d int64 tensors of one length")
        if len(rows) and (int(rows.min()) < 1 or int(rows.max()) >= n_table_rows):
            raise WeightsError(f"{source}: vectors.rows point outside the {n_table_rows}-row word-vector table")
        return cls(keys.numpy().view(numpy.uint64), rows.numpy())
