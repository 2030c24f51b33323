"""DocFeatures moved onto the network's device, in the form the torch layers index with."""
from dataclasses import dataclass
from typing import List, Optional

import numpy
import torch
from thinc.api import xp2torch

from .features import DocFeatures


@dataclass
class TorchBatch:
    ids: torch.Tensor  # (n_tokens, n_attrs)
    vectors: Optional[torch.Tensor]  # (n_tokens, width)
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
    ngram_ids: torch.Tensor  # (n_ngrams,)
    ngram_offsets: torch.Tensor  # (n_docs,)
    ngram_weights: torch.Tensor  # (n_ngrams,) 1/sqrt(n-grams in the doc): an L2-normalised bag
    n_docs: int

    @classmethod
    def from_features(cls, features: DocFeatures, device: torch.device) -> "TorchBatch":
        layout = features.layout

        def index(array: numpy.ndarray) -> torch.Tensor:
            return torch.from_numpy(array).to(device, non_blocking=True)

        def order_of(positions: numpy.ndarray) -> numpy.ndarray:
            order = numpy.empty_like(positions)
            order[positions] = numpy.arange(len(positions))
            return order

        vectors = None
        if features.vectors is not None:
            vectors = xp2torch(features.vectors, device=device).float()
        return cls(
            ids=index(features.ids),
            vectors=vectors,
            token_doc=index(layout.token_doc),
            doc_lengths=index(layout.doc_lengths),
            first_token=index(layout.first_token),
            last_token=index(layout.last_token),
            batch_sizes=torch.from_numpy(layout.batch_sizes),
            step_sizes=layout.batch_sizes.tolist(),
            forward_order=index(order_of(layout.forward_positions)),
            forward_positions=index(layout.forward_positions),
            backward_order=index(order_of(layout.backward_positions)),
            backward_positions=index(layout.backward_positions),
            ngram_ids=index(features.ngram_ids),
            ngram_offsets=index(features.ngram_offsets),
            ngram_weights=index(_bag_weights(features.ngram_offsets, len(features.ngram_ids))),
            n_docs=layout.n_docs,
        )


def _bag_weights(offsets: numpy.ndarray, n_ngrams: int) -> numpy.ndarray:
    counts = numpy.diff(numpy.append(offsets, n_ngrams))
    return numpy.repeat(1.0 / numpy.sqrt(numpy.maximum(counts, 1)), counts).astype(numpy.float32)
