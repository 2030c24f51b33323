"""The torch module: hashed embeddings (+ static vectors) -> (Bi)RNN -> pooling -> logits."""
from typing import Dict, Optional, Sequence

import torch
from torch import nn
from torch.nn import functional as F

from .encoders import TorchRNNEncoder, build_encoder
from .features import EMPTY_ROW
from .fused_lstm import FusedLSTMInference, supports_fused_inference
from .pooling import build_pooling
from .torch_batch import TorchBatch
from .weights_stamp import WeightsStamp


class SentimentNet(nn.Module):
    """Scores docs with one logit per label; softmax and loss live outside, in thinc and spaCy.

    With `ngram_rows`, a linear bag of hashed n-grams adds its logits to the RNN's (a "wide and
    deep" model): the n-grams give cheap lexical evidence, the RNN reads order and negation.

    Two sizes are only known once the pipeline is initialized or loaded: the label count and the
    width of the vocab's static vectors. `reshape` adapts the module to them.

    On CPU under `torch.inference_mode`, an `lstm` encoder runs as a `FusedLSTMInference`
    snapshot, rebuilt whenever the weights change.
    """

    def __init__(
        self,
        *,
        n_labels: int,
        rows: Sequence[int],
        embed_width: int,
        static_width: int,
        rnn_type: str,
        hidden_width: int,
        depth: int,
        bidirectional: bool,
        pooling: str,
        word_dropout: float,
        ngram_rows: int = 0,
        ngram_learn_rate_scale: float = 1.0,
    ):
        super().__init__()
        self.embed_width = embed_width
        self.word_dropout = word_dropout
        self.encoder_config = dict(rnn_type=rnn_type, hidden_width=hidden_width, depth=depth, bidirectional=bidirectional)
        self.embeddings = nn.ModuleList(nn.Embedding(n_rows, embed_width) for n_rows in rows)
        for table in self.embeddings:
            nn.init.normal_(table.weight, std=0.1)
        self.static_width = static_width
        self.encoder = self._build_encoder()
        width = self.encoder.output_width
        self.pool = build_pooling(pooling, width, bidirectional)  # a module when it has weights
        self.output = nn.Linear(width, n_labels)
        self.ngrams = None
        self.ngram_scale = ngram_learn_rate_scale
        if ngram_rows:
            self.ngrams = nn.EmbeddingBag(ngram_rows, n_labels, mode="sum")
            nn.init.zeros_(self.ngrams.weight)
        self._fused: Optional[FusedLSTMInference] = None
        self._fused_stamp: Optional[WeightsStamp] = None

    @property
    def n_labels(self) -> int:
        return self.output.out_features

    def _build_encoder(self) -> nn.Module:
        cfg = self.encoder_config
        input_width = self.embed_width * len(self.embeddings) + self.static_width
        return build_encoder(cfg["rnn_type"], input_width, cfg["hidden_width"], cfg["depth"], cfg["bidirectional"])

    def reshape(self, n_labels: int, static_width: int) -> None:
        """Resize the output layer (keeping the rows of existing labels) and the encoder input."""
        if static_width != self.static_width:
            self.static_width = static_width
            self.encoder = self._build_encoder().to(self.output.weight.device)
        if n_labels != self.n_labels:
            old = self.output
            self.output = nn.Linear(old.in_features, n_labels).to(old.weight.device)
            keep = min(n_labels, old.out_features)
            with torch.no_grad():
                self.output.weight[:keep] = old.weight[:keep]
                self.output.bias[:keep] = old.bias[:keep]
            if self.ngrams is not None:
                old_ngrams = self.ngrams.weight
                self.ngrams = nn.EmbeddingBag(old_ngrams.shape[0], n_labels, mode="sum").to(old_ngrams.device)
                with torch.no_grad():
                    self.ngrams.weight.zero_()
                    self.ngrams.weight[:, :keep] = old_ngrams[:, :keep]

    def reshape_for_state(self, state: Dict[str, torch.Tensor]) -> None:
        """Adapt the two runtime sizes to saved weights, so they load into the right shapes."""
        n_labels = state["output.weight"].shape[0] if "output.weight" in state else self.n_labels
        input_key = next((k for k in state if k.startswith("encoder.") and k.endswith(("weight_ih_l0", "input_gates.weight"))), None)
        static_width = self.static_width
        if input_key is not None:
            static_width = state[input_key].shape[1] - self.embed_width * len(self.embeddings)
        self.reshape(n_labels, max(static_width, 0))

    def forward(self, batch: TorchBatch, dropout: float = 0.0) -> torch.Tensor:
        fused = self._fused_encoder()
        if fused is not None:
            hidden = fused.encode(batch, self._static_vectors(batch))
        else:
            hidden = self._encode(batch, dropout)
        logits = self.output(self.pool(hidden, batch))
        if self.ngrams is not None:
            # An L2-normalised bag (as TF-IDF would be), scaled so that Adam's per-step change of
            # these weights is `ngram_scale` times larger than the RNN's: a linear model learns
            # in a few epochs what the RNN would overfit to first.
            bag = self.ngrams(batch.ngram_ids, batch.ngram_offsets, per_sample_weights=batch.ngram_weights)
            logits = logits + self.ngram_scale * bag
        return logits.float()

    def _encode(self, batch: TorchBatch, dropout: float) -> torch.Tensor:
        ids = batch.ids
        if self.training and self.word_dropout > 0:
            dropped = torch.rand(ids.shape[0], device=ids.device) < self.word_dropout
            ids = ids.masked_fill(dropped.unsqueeze(1), EMPTY_ROW)
        pieces = [table(ids[:, i]) for i, table in enumerate(self.embeddings)]
        vectors = self._static_vectors(batch)
        if vectors is not None:
            pieces.append(vectors.to(pieces[0].dtype))
        tokens = F.dropout(torch.cat(pieces, dim=1), dropout, self.training)
        return F.dropout(self.encoder(tokens, batch, dropout), dropout, self.training)

    def _static_vectors(self, batch: TorchBatch) -> Optional[torch.Tensor]:
        if not self.static_width:
            return None
        if batch.vectors is None:
            raise ValueError("this model was built with static vectors, but the vocab has none")
        return batch.vectors

    def _fused_encoder(self) -> Optional[FusedLSTMInference]:
        """The fused snapshot when it applies (CPU inference of an `lstm` encoder), else None."""
        encoder = self.encoder
        if self.training or not torch.is_inference_mode_enabled() or self.embeddings[0].weight.device.type != "cpu":
            return None
        if not (isinstance(encoder, TorchRNNEncoder) and supports_fused_inference(encoder.rnn)):
            return None
        if self._fused is None or not self._fused_stamp.matches(self.embeddings, encoder):
            self._fused = FusedLSTMInference.from_modules(self.embeddings, encoder.rnn, self.static_width)
            self._fused_stamp = WeightsStamp(self.embeddings, encoder)
        return self._fused
