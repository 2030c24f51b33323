"""DocFeatures moved onto the network's device: token rows, dense features, packing and n-grams."""
from dataclasses import dataclass
from typing import Optional

import torch
from thinc.api import xp2torch

from ..featurize.features import DocFeatures
from ..featurize.ngrams import NgramInput, bag_weights
from ..featurize.packing import PackedIndex, to_device


@dataclass
class TorchBatch:
    ids: torch.Tensor  # (n_tokens, n_attrs) row of each token in each embedding table
    vectors: Optional[torch.Tensor]  # (n_tokens, width) static vectors, or None
    packing: PackedIndex
    ngrams: NgramInput
    lexicon_tokens: Optional[torch.Tensor] = None  # (n_tokens, N_TOKEN_FEATURES)
    lexicon_docs: Optional[torch.Tensor] = None  # (n_docs, N_DOC_FEATURES)

    @property
    def n_docs(self) -> int:
        return self.packing.n_docs

    @classmethod
    def from_features(cls, features: DocFeatures, device: torch.device) -> "TorchBatch":
        vectors = None
        if features.vectors is not None:
            vectors = xp2torch(features.vectors, device=device).float()
        ngram_weights = bag_weights(features.ngram_offsets, len(features.ngram_ids))

        def optional(array) -> Optional[torch.Tensor]:
            return None if array is None else to_device(array, device)

        return cls(
            ids=to_device(features.ids, device),
            vectors=vectors,
            packing=PackedIndex.from_layout(features.layout, device),
            ngrams=NgramInput(
                ids=to_device(features.ngram_ids, device),
                offsets=to_device(features.ngram_offsets, device),
                weights=to_device(ngram_weights, device),
            ),
            lexicon_tokens=optional(features.lexicon_tokens),
            lexicon_docs=optional(features.lexicon_docs),
        )
