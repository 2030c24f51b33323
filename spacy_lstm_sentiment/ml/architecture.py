"""Registered model architectures (versioned names; configs refer to them)."""
from typing import Optional, Sequence

from spacy.util import registry
from thinc.api import PyTorchGradScaler

from .classifier import SentimentClassifier
from .featurize.features import doc_features
from .nn.encoders import RNN_CHOICES
from .nn.network import SentimentNet
from .nn.pooling import POOLING_CHOICES
from .shim import torch_sentiment_layer

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
    ngram_dropout: float = 0.0,
    use_lexicon: bool = False,
    lexicon_learn_rate_scale: float = 10.0,
    blind_identity_terms: bool = False,
    max_length: int = 256,
    mixed_precision: bool = False,
    grad_scaler: Optional[PyTorchGradScaler] = None,
    quantize_inference: bool = False,
    vectors_in_model: int = 0,
) -> SentimentClassifier:
    """Hashed token features -> (Bi)LSTM/GRU/peephole LSTM -> pooling -> softmax over labels.

    nO: number of labels; None takes it from the component's labels at initialization.
    attrs, rows: token attributes to hash and the rows of each attribute's embedding table.
    include_static_vectors: also feed the vocab's static vectors, when it has any.
    ngram_sizes, ngram_rows, ngram_attrs: a linear bag of hashed n-grams (e.g. [1, 2]) of the
        `ngram_attrs` (e.g. NORM, SUFFIX) whose logits add to the RNN's; [] turns it off.
    ngram_learn_rate_scale: how much faster the n-gram weights learn than the rest under Adam.
    ngram_dropout: probability of leaving an n-gram out of the bag in training.
    use_lexicon: read a sentiment lexicon (given at initialize, saved with the weights): each token's
        prior polarity in context (negation scope, intensifiers, contrast, caps, emoji) joins the RNN
        input, and a linear head over the doc's lexicon features adds its logits.
    lexicon_learn_rate_scale: as ngram_learn_rate_scale, for the lexicon head.
    blind_identity_terms: read race, religion, nationality, sexual-orientation and gender-identity
        terms as one placeholder token, so no prediction depends on which group a post names.
    max_length: docs longer than this are read in chunks of this many tokens (bounds memory).
    vectors_in_model: at initialize, copy the vocab's static vectors of this many most frequent words into
        the model (frozen, saved with its weights) and read them from there, by NORM: the model then needs
        no vectors in the pipeline's vocab. 0: none; not together with include_static_vectors.
    mixed_precision: autocast on CUDA (fp16/bf16 kernels); ignored on CPU.
    quantize_inference: on CPU, predict with an int8 dynamically quantized copy of the LSTM/GRU and
        linear layers (training stays fp32); ignored on GPU.
    """
    settings = {name: value for name, value in locals().items() if name != "nO"}  # for `rebuild_model`
    if rnn_type not in RNN_CHOICES:
        raise ValueError(f"unknown rnn_type {rnn_type!r}: choose one of {', '.join(RNN_CHOICES)}")
    if pooling not in POOLING_CHOICES:
        raise ValueError(f"unknown pooling {pooling!r}: choose one of {', '.join(POOLING_CHOICES)}")
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    if vectors_in_model and include_static_vectors:
        raise ValueError("vectors_in_model and include_static_vectors both add static vectors: choose one")
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
        ngram_dropout=ngram_dropout,
        use_lexicon=use_lexicon,
        lexicon_learn_rate_scale=lexicon_learn_rate_scale,
    )
    featurizer = doc_features(
        attrs,
        rows,
        max_length,
        include_static_vectors,
        ngram_sizes,
        ngram_rows,
        ngram_attrs,
        use_lexicon,
        blind_identity_terms,
        vectors_in_model,
    )
    torch_layer = torch_sentiment_layer(net, mixed_precision, grad_scaler, quantize_inference)
    model = SentimentClassifier(featurizer, torch_layer, nO)
    model.attrs["settings"] = settings
    return model


@registry.architectures("spacy-lstm-sentiment.LSTMSentimentClassifier.v2")
def build_social_classifier(
    nO: Optional[int] = None,
    attrs: Sequence[str] = ("NORM", "SUFFIX", "SHAPE"),
    rows: Sequence[int] = (20000, 5000, 1000),
    embed_width: int = 64,
    include_static_vectors: bool = False,
    rnn_type: str = "lstm",
    hidden_width: int = 40,
    depth: int = 1,
    bidirectional: bool = False,
    pooling: str = "max",
    word_dropout: float = 0.0,
    ngram_sizes: Sequence[int] = (1, 2),
    ngram_rows: int = 1048576,
    ngram_attrs: Sequence[str] = ("NORM",),
    ngram_learn_rate_scale: float = 10.0,
    ngram_dropout: float = 0.0,
    use_lexicon: bool = True,
    lexicon_learn_rate_scale: float = 10.0,
    blind_identity_terms: bool = True,
    max_length: int = 256,
    mixed_precision: bool = False,
    grad_scaler: Optional[PyTorchGradScaler] = None,
    quantize_inference: bool = False,
    vectors_in_model: int = 20000,
) -> SentimentClassifier:
    """v1's model with the settings of the shipped `en_social` model as defaults (the factory's default
    model): a unidirectional LSTM beside an n-gram bag, reading a sentiment lexicon and word vectors of
    its own, identity terms blinded. Settings as in v1; a test keeps these defaults equal to the shipped model's."""
    return build_lstm_sentiment_classifier(**locals())


def rebuild_model(model: SentimentClassifier) -> SentimentClassifier:
    """A new model with `model`'s settings and label count, freshly initialized weights, and the same
    lexicon and word vectors (tables the model reads, not weights it learns)."""
    n_labels = model.get_dim("nO") if model.has_dim("nO") else None
    fresh = build_lstm_sentiment_classifier(nO=n_labels, **model.attrs["settings"])
    if model.lexicon is not None:
        fresh.set_lexicon(model.lexicon)
    if model.word_vectors is not None:
        fresh.set_word_vectors(model.word_vectors, model.net.word_vectors.weight)
    return fresh
