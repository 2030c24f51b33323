"""Pool token vectors into one vector per doc, over flat token arrays (no padding)."""
from typing import Callable

import torch
from torch import nn

from .batch import PackedIndex


def max_pool(hidden: torch.Tensor, packing: PackedIndex) -> torch.Tensor:
    """Element-wise maximum over each doc's tokens."""
    index = packing.token_doc.unsqueeze(1).expand_as(hidden)
    out = hidden.new_zeros((packing.n_docs, hidden.shape[1]))
    return out.scatter_reduce(0, index, hidden, reduce="amax", include_self=False)


def mean_pool(hidden: torch.Tensor, packing: PackedIndex) -> torch.Tensor:
    """Average of each doc's token vectors."""
    sums = hidden.new_zeros((packing.n_docs, hidden.shape[1])).index_add(0, packing.token_doc, hidden)
    return sums / packing.doc_lengths.unsqueeze(1).to(hidden.dtype)


class LastPool(nn.Module):
    """Final RNN states: the forward half at the doc's last token, the backward half at its first."""

    def __init__(self, width: int, bidirectional: bool):
        super().__init__()
        self.forward_width = width // 2 if bidirectional else width

    def forward(self, hidden: torch.Tensor, packing: PackedIndex) -> torch.Tensor:
        forward_part = hidden[packing.last_token, : self.forward_width]
        if self.forward_width == hidden.shape[1]:
            return forward_part
        return torch.cat((forward_part, hidden[packing.first_token, self.forward_width :]), dim=1)


class AttentionPool(nn.Module):
    """Additive attention: a learned score per token, softmax-normalised within each doc."""

    def __init__(self, width: int):
        super().__init__()
        self.score = nn.Sequential(nn.Linear(width, width), nn.Tanh(), nn.Linear(width, 1))

    def forward(self, hidden: torch.Tensor, packing: PackedIndex) -> torch.Tensor:
        scores = self.score(hidden).squeeze(1).float()
        doc_max = scores.new_full((packing.n_docs,), float("-inf")).scatter_reduce(
            0, packing.token_doc, scores, reduce="amax", include_self=True
        )
        weights = torch.exp(scores - doc_max[packing.token_doc])
        totals = weights.new_zeros(packing.n_docs).index_add(0, packing.token_doc, weights)
        weights = (weights / totals[packing.token_doc]).to(hidden.dtype)
        out = hidden.new_zeros((packing.n_docs, hidden.shape[1]))
        return out.index_add(0, packing.token_doc, hidden * weights.unsqueeze(1))


POOLING_CHOICES = ("max", "mean", "last", "attention")
ORDER_FREE_POOLING = (max_pool, mean_pool)
"""Poolings that only group token vectors by doc, in whatever order they come."""


def build_pooling(
    name: str, width: int, bidirectional: bool
) -> Callable[[torch.Tensor, PackedIndex], torch.Tensor]:
    """The pooling callable for a config name (`max`, `mean`, `last` or `attention`)."""
    if name == "max":
        return max_pool
    if name == "mean":
        return mean_pool
    if name == "last":
        return LastPool(width, bidirectional)
    if name == "attention":
        return AttentionPool(width)
    raise ValueError(f"unknown pooling {name!r}: choose one of {', '.join(POOLING_CHOICES)}")
