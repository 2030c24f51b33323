"""Registered model architectures (versioned names; configs refer to them)."""
from typing import Any, Callable, List, Optional, Sequence, Tuple

from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Model, PyTorchGradScaler
from thinc.types import Floats2d

from .layers.encoders import RNN_CHOICES
from .layers.features import doc_features, static_vectors_width
from .layers.network import SentimentNet
from .layers.pooling import POOLING_CHOICES
from .layers.torch_layer import torch_sentiment_layer, wrapped_net

DEFAULT_N_LABELS = 3  # negative, neutral, positive; the real count is set from the labels at init


@registry.architectures("spacy-lstm-sentiment.LSTMSentimentClassifier.v1")
def build_lstm_sentiment_classifier(
    nO: Optional[int] = None,
    attrs: Sequence[str] = ("NORM", "PREFIX", "SUFFIX", "SHAPE"),
    rows: Sequence[int] = (20000, 5000, 5000, 1000),
    embed_width: int = 64,
    include_static_vectors: bool = False,
    rnn_type: str = "lstm",
    hidden_width: int = 128,
    depth: int = 1,
    bidirectional: bool = True,
    pooling: str = "max",
    word_dropout: float = 0.0,
    ngram_sizes: Sequence[int] = (),
    ngram_rows: int = 262144,
    ngram_attrs: Sequence[str] = ("NORM",),
    ngram_learn_rate_scale: float = 10.0,
    max_length: int = 256,
    mixed_precision: bool = False,
    grad_scaler: Optional[PyTorchGradScaler] = None,
    quantize_inference: bool = False,
) -> Model[List[Doc], Floats2d]:
    """Hashed token features -> (Bi)LSTM/GRU/peephole LSTM -> pooling -> softmax over labels.

    nO: number of labels; None takes it from the component's labels at initialization.
    attrs, rows: token attributes to hash and the rows of each attribute's embedding table.
    include_static_vectors: also feed the vocab's static vectors, when it has any.
    ngram_sizes, ngram_rows, ngram_attrs: a linear bag of hashed n-grams (e.g. [1, 2]) of the
        `ngram_attrs` (e.g. NORM, SUFFIX) whose logits add to the RNN's; [] turns it off.
    ngram_learn_rate_scale: how much faster the n-gram weights learn than the rest under Adam.
    max_length: docs longer than this are read in chunks of this many tokens (bounds memory).
    mixed_precision: autocast on CUDA (fp16/bf16 kernels); ignored on CPU.
    quantize_inference: on CPU, predict with an int8 dynamically quantized copy of the LSTM/GRU and
        linear layers (training stays fp32); ignored on GPU.
    """
    if rnn_type not in RNN_CHOICES:
        raise ValueError(f"unknown rnn_type {rnn_type!r}: choose one of {', '.join(RNN_CHOICES)}")
    if pooling not in POOLING_CHOICES:
        raise ValueError(f"unknown pooling {pooling!r}: choose one of {', '.join(POOLING_CHOICES)}")
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    net = SentimentNet(
        n_labels=nO or DEFAULT_N_LABELS,
        rows=rows,
        embed_width=embed_width,
        static_width=0,
        rnn_type=rnn_type,
        hidden_width=hidden_width,
        depth=depth,
        bidirectional=bidirectional,
        pooling=pooling,
        word_dropout=word_dropout,
        ngram_rows=ngram_rows if ngram_sizes else 0,
        ngram_learn_rate_scale=ngram_learn_rate_scale,
    )
    featurizer = doc_features(
        attrs, rows, max_length, include_static_vectors, ngram_sizes, ngram_rows, ngram_attrs
    )
    torch_layer = torch_sentiment_layer(net, mixed_precision, grad_scaler, quantize_inference)
    return Model(
        "lstm_sentiment_classifier",
        _forward,
        init=_init,
        layers=[featurizer, torch_layer],
        refs={"featurizer": featurizer, "torch_layer": torch_layer},
        dims={"nO": nO},
        attrs={"resize_output": _resize_output, "include_static_vectors": include_static_vectors},
    )


def _forward(model: Model, docs: List[Doc], is_train: bool) -> Tuple[Floats2d, Callable]:
    """Softmax over the torch logits. Backprop expects d_scores = probs - truths: the gradient of
    cross-entropy with respect to the logits, which it passes to torch unchanged."""
    features, _ = model.get_ref("featurizer")(docs, is_train)
    logits, backprop_logits = model.get_ref("torch_layer")(features, is_train)
    probs = model.ops.softmax(logits)

    def backprop(d_logits: Floats2d) -> List[Any]:
        backprop_logits(d_logits)
        return []

    return probs, backprop


def _init(model: Model, X: Optional[List[Doc]] = None, Y: Optional[Floats2d] = None) -> None:
    net = wrapped_net(model.get_ref("torch_layer"))
    n_labels = Y.shape[1] if Y is not None else (model.get_dim("nO") if model.has_dim("nO") else net.n_labels)
    static_width = net.static_width
    if X and model.attrs["include_static_vectors"]:
        static_width = static_vectors_width(X[0].vocab)
    net.reshape(n_labels, static_width)
    model.set_dim("nO", n_labels, force=True)


def _resize_output(model: Model, new_nO: int) -> Model:
    torch_layer = model.get_ref("torch_layer")
    net = wrapped_net(torch_layer)
    if new_nO != net.n_labels:
        net.reshape(new_nO, net.static_width)
        torch_layer.shims[0].forget_optimizer_state()
    model.set_dim("nO", new_nO, force=True)
    return model


def torch_net(model: Model) -> SentimentNet:
    """The SentimentNet inside a model built by this architecture."""
    return wrapped_net(model.get_ref("torch_layer"))
