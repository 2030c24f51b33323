"""The torch module: hashed embeddings (+ static vectors, lexicon features) -> (Bi)RNN -> pooling -> logits,
plus the linear parts: the n-gram bag and the lexicon head."""
from typing import Optional, Sequence

import torch
from torch import nn
from torch.nn import functional as F

from ..featurize.hashing import EMPTY_ROW
from ..featurize.lexicon_features import N_DOC_FEATURES, N_TOKEN_FEATURES
from .batch import TorchBatch
from .derived_cache import DerivedCache
from .embeddings import HashEmbeddings
from .encoders import TorchRNNEncoder, build_encoder
from .fused_lstm import FusedLSTMInference, supports_fused_inference
from .heads import LexiconHead, NgramBag, with_label_weights
from .pooling import ORDER_FREE_POOLING, build_pooling


class SentimentNet(nn.Module):
    """Scores docs with one logit per label; softmax and loss live outside, in thinc and spaCy.

    With `ngram_rows`, a linear bag of hashed n-grams adds its logits to the RNN's (`NgramBag`).
    With `use_lexicon`, each token's lexicon features join its embeddings as RNN input, and a linear
    head over the doc's lexicon features adds its logits too (`LexiconHead`).

    Two sizes are only known once the pipeline is initialized or loaded: the label count and the
    width of the static vectors. `reshape` adapts the module to them (`serialization.load_network`
    reads them from saved weights). Static vectors come from the vocab (`batch.vectors`), or from a
    frozen table of the network's own (`set_word_vectors`, `batch.vector_rows`).

    `forward(..., fast_inference=True)` (what the shim's `predict` asks for) runs an `lstm` encoder
    on CPU as a `FusedLSTMInference` snapshot, rebuilt whenever the weights change.
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
        ngram_dropout: float = 0.0,
        use_lexicon: bool = False,
        lexicon_learn_rate_scale: float = 1.0,
    ):
        super().__init__()
        self.encoder_config = dict(
            rnn_type=rnn_type, hidden_width=hidden_width, depth=depth, bidirectional=bidirectional
        )
        self.embeddings = HashEmbeddings(rows, embed_width, word_dropout)
        self.lexicon_width = N_TOKEN_FEATURES if use_lexicon else 0
        self.static_width = static_width
        self.encoder = self._build_encoder()
        width = self.encoder.output_width
        self.pool = build_pooling(pooling, width, bidirectional)  # a module when it has weights
        self.output = nn.Linear(width, n_labels)
        self.ngrams = NgramBag(ngram_rows, n_labels, ngram_learn_rate_scale, ngram_dropout) if ngram_rows else None
        self.lexicon_head = LexiconHead(N_DOC_FEATURES, n_labels, lexicon_learn_rate_scale) if use_lexicon else None
        self.word_vectors: Optional[nn.Embedding] = None
        self._fused: DerivedCache[FusedLSTMInference] = DerivedCache()

    @property
    def n_labels(self) -> int:
        return self.output.out_features

    @property
    def dense_width(self) -> int:
        """Input columns after the embeddings: static vectors, then lexicon features."""
        return self.static_width + self.lexicon_width

    def _build_encoder(self) -> nn.Module:
        cfg = self.encoder_config
        input_width = self.embeddings.output_width + self.dense_width
        return build_encoder(cfg["rnn_type"], input_width, cfg["hidden_width"], cfg["depth"], cfg["bidirectional"])

    def reshape(self, n_labels: int, static_width: int) -> None:
        """Resize the output layer (keeping the rows of existing labels) and the encoder input."""
        if static_width != self.static_width:
            self.static_width = static_width
            self.encoder = self._build_encoder().to(self.output.weight.device)
        if n_labels != self.n_labels:
            self.output = with_label_weights(nn.Linear(self.output.in_features, n_labels), self.output)
            if self.ngrams is not None:
                self.ngrams = self.ngrams.resized(n_labels)
            if self.lexicon_head is not None:
                self.lexicon_head = self.lexicon_head.resized(n_labels)

    def set_word_vectors(self, table: torch.Tensor) -> None:
        """Read static vectors from `table` (rows, width; row 0 all zeros), frozen, instead of the vocab's."""
        device = self.output.weight.device
        self.word_vectors = nn.Embedding.from_pretrained(table.detach().float().to(device).clone(), freeze=True)
        self.reshape(self.n_labels, table.shape[1])

    def forward(self, batch: TorchBatch, dropout: float = 0.0, fast_inference: bool = False) -> torch.Tensor:
        """Logits, (n_docs, n_labels). `fast_inference`: no gradients will be asked for, so an
        inference-only kernel may run."""
        fused = self._fused_encoder() if fast_inference else None
        if fused is not None:
            dense = self._lexicon_input(batch) if self.word_vectors is not None else self._dense_input(batch)
            packed = self.pool in ORDER_FREE_POOLING and not self.encoder_config["bidirectional"]
            hidden = fused.encode(batch, dense, in_packed_order=packed)
            pooled = self.pool(hidden, batch.packing.in_forward_order() if packed else batch.packing)
        else:
            pooled = self.pool(self._encode(batch, dropout), batch.packing)
        logits = self.output(pooled)
        if self.ngrams is not None:
            logits = logits + self.ngrams(batch.ngrams)
        if self.lexicon_head is not None:
            logits = logits + self.lexicon_head(batch.lexicon_docs.to(logits.dtype))
        return logits.float()

    def _encode(self, batch: TorchBatch, dropout: float) -> torch.Tensor:
        tokens = F.dropout(self.token_inputs(batch), dropout, self.training)
        return F.dropout(self.encoder(tokens, batch.packing, dropout), dropout, self.training)

    def token_inputs(self, batch: TorchBatch) -> torch.Tensor:
        """What the RNN reads for each token: its embeddings, then its dense features."""
        tokens = self.embeddings(batch.ids)
        dense = self._dense_input(batch)
        if dense is not None:
            tokens = torch.cat((tokens, dense.to(tokens.dtype)), dim=1)
        return tokens

    def baseline_inputs(self, batch: TorchBatch) -> torch.Tensor:
        """The RNN input of a token that says nothing: every table's `EMPTY_ROW`, no dense features."""
        empty = torch.cat([table.weight[EMPTY_ROW] for table in self.embeddings])
        row = torch.cat((empty, empty.new_zeros(self.dense_width)))
        return row.expand(batch.ids.shape[0], -1)

    def rnn_logits(self, inputs: torch.Tensor, batch: TorchBatch) -> torch.Tensor:
        """The RNN part's logits for given token inputs (no dropout): what attributions differentiate."""
        hidden = self.encoder(inputs, batch.packing, 0.0)
        return self.output(self.pool(hidden, batch.packing)).float()

    def _dense_input(self, batch: TorchBatch) -> Optional[torch.Tensor]:
        """Static vectors and lexicon features, side by side, or None when the model reads neither."""
        pieces = []
        if self.word_vectors is not None:
            pieces.append(self.word_vectors(batch.vector_rows))
        elif self.static_width:
            if batch.vectors is None:
                raise ValueError("this model was built with static vectors, but the vocab has none")
            pieces.append(batch.vectors)
        lexicon = self._lexicon_input(batch)
        if lexicon is not None:
            pieces.append(lexicon)
        if not pieces:
            return None
        return pieces[0] if len(pieces) == 1 else torch.cat(pieces, dim=1)

    def _lexicon_input(self, batch: TorchBatch) -> Optional[torch.Tensor]:
        if not self.lexicon_width:
            return None
        if batch.lexicon_tokens is None:
            raise ValueError("this model reads lexicon features, but the batch has none")
        return batch.lexicon_tokens

    def _fused_encoder(self) -> Optional[FusedLSTMInference]:
        """The fused snapshot when it applies (an `lstm` encoder on CPU, in eval mode), else None."""
        encoder = self.encoder
        if self.training or self.embeddings[0].weight.device.type != "cpu":
            return None
        if not (isinstance(encoder, TorchRNNEncoder) and supports_fused_inference(encoder.rnn)):
            return None
        tables = [*self.embeddings] if self.word_vectors is None else [*self.embeddings, self.word_vectors]
        return self._fused.get(
            [self.embeddings, encoder, *tables[len(self.embeddings) :]],
            lambda: FusedLSTMInference.from_modules(tables, encoder.rnn),
        )
