"""DocFeatures moved onto the network's device: token rows, dense vectors, packing and n-grams."""
from dataclasses import dataclass
from typing import Optional

import torch
from thinc.api import xp2torch

from .features import DocFeatures
from .ngram_bag import NgramInput, bag_weights
from .packing import PackedIndex


@dataclass
class TorchBatch:
    ids: torch.Tensor  # (n_tokens, n_attrs) row of each token in each embedding table
    vectors: Optional[torch.Tensor]  # (n_tokens, width) static vectors, or None
    packing: PackedIndex
    ngrams: NgramInput

    @property
    def n_docs(self) -> int:
        return self.packing.n_docs

    @classmethod
    def from_features(cls, features: DocFeatures, device: torch.device) -> "TorchBatch":
        vectors = None
        if features.vectors is not None:
            vectors = xp2torch(features.vectors, device=device).float()
        ngram_weights = bag_weights(features.ngram_offsets, len(features.ngram_ids))
        return cls(
            ids=torch.from_numpy(features.ids).to(device, non_blocking=True),
            vectors=vectors,
            packing=PackedIndex.from_layout(features.layout, device),
            ngrams=NgramInput(
                ids=torch.from_numpy(features.ngram_ids).to(device, non_blocking=True),
                offsets=torch.from_numpy(features.ngram_offsets).to(device, non_blocking=True),
                weights=torch.from_numpy(ngram_weights).to(device, non_blocking=True),
            ),
        )
