"""Hashed embeddings of token attributes: spaCy's 64-bit string ids -> one table row per attribute.

The idea of spaCy's MultiHashEmbed: each attribute (NORM, PREFIX, SUFFIX, SHAPE, ...) has a table of
its own, a token reads one row of each, and an unseen spelling still shares its prefix, suffix and
shape rows with seen ones. Row 0 of every table stands for "no token" (`EMPTY_ROW`): an empty doc
reads it, and word dropout replaces a token by it.
"""
from typing import List, Sequence, Union

import numpy
import torch
from torch import nn

EMPTY_ROW = 0


def hashed_rows(keys: numpy.ndarray, rows: Union[int, Sequence[int]]) -> numpy.ndarray:
    """The row of each key in each table: (n_tokens, n_tables) uint64 keys -> int64 rows in [1, rows)
    (one table of `rows` rows for an int)."""
    modulus = numpy.asarray(rows, dtype=numpy.uint64) - numpy.uint64(1)
    return (keys % modulus).astype(numpy.int64) + 1


class HashEmbeddings(nn.ModuleList):
    """One embedding table per attribute (a list of them, so weights are saved as `N.weight`);
    a token's vector is its rows, concatenated."""

    def __init__(self, rows: Sequence[int], width: int, word_dropout: float = 0.0):
        super().__init__(nn.Embedding(n_rows, width) for n_rows in rows)
        self.width = width
        self.word_dropout = word_dropout
        for table in self:
            nn.init.normal_(table.weight, std=0.1)

    @property
    def output_width(self) -> int:
        return self.width * len(self)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """(n_tokens, n_tables) rows -> (n_tokens, output_width); in training, whole tokens are
        blanked with probability `word_dropout`."""
        if self.training and self.word_dropout > 0:
            dropped = torch.rand(ids.shape[0], device=ids.device) < self.word_dropout
            ids = ids.masked_fill(dropped.unsqueeze(1), EMPTY_ROW)
        pieces: List[torch.Tensor] = [table(ids[:, i]) for i, table in enumerate(self)]
        return torch.cat(pieces, dim=1)
