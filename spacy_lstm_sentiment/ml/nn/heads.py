"""A linear head over a doc's lexicon features (`lexicon_features.DOC_FEATURES`), whose logits add
to the RNN's: a few weights that say how far to trust the lexicon, and cannot memorise topics."""
import torch
from torch import nn


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
        resized = LexiconHead(self.in_features, n_labels, self.learn_rate_scale).to(self.weight.device)
        keep = min(n_labels, self.out_features)
        with torch.no_grad():
            resized.weight[:keep] = self.weight[:keep]
            resized.bias[:keep] = self.bias[:keep]
        return resized
