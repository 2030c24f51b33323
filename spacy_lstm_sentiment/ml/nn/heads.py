"""The linear heads whose logits add to the RNN's: the n-gram bag and the lexicon head, and the one way
any output (these two, and the network's output layer) is resized to a new label count.

- `NgramBag`: hashed within-doc n-grams (rows from `featurize.ngrams.hash_ngrams`) whose label weights
  are summed per doc, L2-normalised and scaled so Adam moves them `learn_rate_scale` times faster than
  the RNN's weights: a "wide and deep" model, cheap lexical evidence beside the RNN's reading of order.
- `LexiconHead`: a linear layer over a doc's lexicon features (`featurize.lexicon_features.DOC_FEATURES`):
  a few weights that say how far to trust the lexicon, and cannot memorise topics.
"""
from dataclasses import dataclass

import torch
from torch import nn


def with_label_weights(new: nn.Module, old: nn.Module) -> nn.Module:
    """`new` (a fresh output for another label count) with the weights of the labels it shares with `old`
    copied in: each parameter's overlapping block, so new labels start from `new`'s initialisation and
    labels beyond the new count are dropped. The label axis is whichever axis changed size (rows of a
    `Linear`, columns of the n-gram bag); `new` is returned, on `old`'s device."""
    new = new.to(next(old.parameters()).device)
    sources = dict(old.named_parameters())
    with torch.no_grad():
        for name, target in new.named_parameters():
            source = sources[name]
            block = tuple(slice(0, min(a, b)) for a, b in zip(target.shape, source.shape))
            target[block] = source[block]
    return new


@dataclass
class NgramInput:
    """A batch's n-grams on the network's device."""

    ids: torch.Tensor  # (n_ngrams,)
    offsets: torch.Tensor  # (n_docs,)
    weights: torch.Tensor  # (n_ngrams,)


class NgramBag(nn.EmbeddingBag):
    """One weight per n-gram row and label, summed over a doc's (weighted) n-grams."""

    def __init__(self, n_rows: int, n_labels: int, learn_rate_scale: float = 1.0, dropout: float = 0.0):
        super().__init__(n_rows, n_labels, mode="sum")
        self.learn_rate_scale = learn_rate_scale
        self.dropout = dropout
        nn.init.zeros_(self.weight)

    def forward(self, ngrams: NgramInput) -> torch.Tensor:  # type: ignore[override]
        """The scaled bag; in training each n-gram is left out with probability `dropout` (the
        rest weigh 1/(1 - dropout) more), so no single n-gram can carry a prediction alone."""
        weights = ngrams.weights
        if self.training and self.dropout > 0:
            kept = torch.rand(weights.shape, device=weights.device) >= self.dropout
            weights = weights * kept / (1.0 - self.dropout)
        bag = super().forward(ngrams.ids, ngrams.offsets, per_sample_weights=weights)
        return self.learn_rate_scale * bag

    def resized(self, n_labels: int) -> "NgramBag":
        """A copy scoring `n_labels` labels: the existing labels' weights kept, new ones zero."""
        new = NgramBag(self.num_embeddings, n_labels, self.learn_rate_scale, self.dropout)
        return with_label_weights(new, self)  # type: ignore[return-value]


class LexiconHead(nn.Linear):
    """Logits from doc-level lexicon features, scaled like the n-gram bag so Adam moves them
    `learn_rate_scale` times faster than the RNN's weights."""

    def __init__(self, n_features: int, n_labels: int, learn_rate_scale: float = 1.0):
        super().__init__(n_features, n_labels)
        self.learn_rate_scale = learn_rate_scale
        nn.init.zeros_(self.weight)
        nn.init.zeros_(self.bias)

    def forward(self, doc_features: torch.Tensor) -> torch.Tensor:  # type: ignore[override]
        return self.learn_rate_scale * super().forward(doc_features)

    def resized(self, n_labels: int) -> "LexiconHead":
        """A copy scoring `n_labels` labels: the existing labels' weights kept, new ones zero."""
        new = LexiconHead(self.in_features, n_labels, self.learn_rate_scale)
        return with_label_weights(new, self)  # type: ignore[return-value]
