"""Hashed embeddings of token attributes: spaCy's 64-bit string ids -> one table row per attribute.

The idea of spaCy's MultiHashEmbed: each attribute (NORM, PREFIX, SUFFIX, SHAPE, ...) has a table of
its own, a token reads one row of each, and an unseen spelling still shares its prefix, suffix and
shape rows with seen ones. Row 0 of every table stands for "no token" (`EMPTY_ROW`): an empty doc
reads it, and word dropout replaces a token by it. The tables themselves are `nn.embeddings.HashEmbeddings`.
"""
from typing import Sequence, Union

import numpy

EMPTY_ROW = 0


def hashed_rows(keys: numpy.ndarray, rows: Union[int, Sequence[int]]) -> numpy.ndarray:
    """The row of each key in each table: (n_tokens, n_tables) uint64 keys -> int64 rows in [1, rows)
    (one table of `rows` rows for an int)."""
    modulus = numpy.asarray(rows, dtype=numpy.uint64) - numpy.uint64(1)
    return (keys % modulus).astype(numpy.int64) + 1
