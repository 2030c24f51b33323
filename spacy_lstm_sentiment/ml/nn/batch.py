"""DocFeatures moved onto the network's device: token rows, dense features, packing and n-grams.

`TorchBatch` is what the network reads; `PackedIndex` is a `featurize.packing.PackedLayout` as device tensors."""
from dataclasses import dataclass, replace
from typing import List, Optional

import numpy
import torch
from thinc.api import xp2torch

from ..featurize.features import DocFeatures
from ..featurize.ngrams import bag_weights
from ..featurize.packing import PackedLayout
from .heads import NgramInput


def to_device(array: numpy.ndarray, device: torch.device) -> torch.Tensor:
    """A host array as a tensor on `device` (a non-blocking copy where the device allows one)."""
    return torch.from_numpy(array).to(device, non_blocking=True)


@dataclass
class PackedIndex:
    """A `PackedLayout` as device tensors: what encoders and pooling need to gather and scatter."""

    token_doc: torch.Tensor  # (n_tokens,)
    doc_lengths: torch.Tensor  # (n_docs,)
    first_token: torch.Tensor  # (n_docs,)
    last_token: torch.Tensor  # (n_docs,)
    batch_sizes: torch.Tensor  # (max_seq_len,) on CPU, as PackedSequence requires
    step_sizes: List[int]  # batch_sizes as Python ints, for step loops
    forward_order: torch.Tensor  # packed row -> flat token
    forward_positions: torch.Tensor  # flat token -> packed row
    backward_order: torch.Tensor  # the same, sequences reversed in time
    backward_positions: torch.Tensor
    n_docs: int
    forward_doc: Optional[torch.Tensor] = None  # packed row (forward order) -> doc

    def in_forward_order(self) -> "PackedIndex":
        """This index for token vectors in forward packed order: for poolings that only group rows by doc
        (max, mean, attention), not for ones that read positions (last)."""
        return replace(self, token_doc=self.forward_doc)

    @classmethod
    def from_layout(cls, layout: PackedLayout, device: torch.device) -> "PackedIndex":
        def index(array: numpy.ndarray) -> torch.Tensor:
            return to_device(array, device)

        forward_order = _inverse(layout.forward_positions)
        return cls(
            token_doc=index(layout.token_doc),
            doc_lengths=index(layout.doc_lengths),
            first_token=index(layout.first_token),
            last_token=index(layout.last_token),
            batch_sizes=torch.from_numpy(layout.batch_sizes),
            step_sizes=layout.batch_sizes.tolist(),
            forward_order=index(forward_order),
            forward_positions=index(layout.forward_positions),
            backward_order=index(_inverse(layout.backward_positions)),
            backward_positions=index(layout.backward_positions),
            n_docs=layout.n_docs,
            forward_doc=index(layout.token_doc[forward_order]),
        )


def _inverse(positions: numpy.ndarray) -> numpy.ndarray:
    """The inverse permutation: packed row -> flat token."""
    order = numpy.empty_like(positions)
    order[positions] = numpy.arange(len(positions))
    return order


@dataclass
class TorchBatch:
    ids: torch.Tensor  # (n_tokens, n_attrs) row of each token in each embedding table
    vectors: Optional[torch.Tensor]  # (n_tokens, width) static vectors, or None
    packing: PackedIndex
    ngrams: NgramInput
    lexicon_tokens: Optional[torch.Tensor] = None  # (n_tokens, N_TOKEN_FEATURES)
    lexicon_docs: Optional[torch.Tensor] = None  # (n_docs, N_DOC_FEATURES)
    vector_rows: Optional[torch.Tensor] = None  # (n_tokens,) row of the network's own word-vector table

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
            vector_rows=optional(features.vector_rows),
        )
