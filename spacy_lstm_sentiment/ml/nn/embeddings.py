"""The hashed embedding tables: one `nn.Embedding` per token attribute, rows chosen on the host
(`featurize.hashing.hashed_rows`); a token's vector is its rows, concatenated."""
from typing import List, Sequence

import torch
from torch import nn

from ..featurize.hashing import EMPTY_ROW


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
