"""The thinc model the architecture builds: featurizer -> torch network -> softmax over labels.

It saves itself: `to_bytes` is one safetensors blob holding the network's weights and the
featurizer's sentiment lexicon (`lexicon.*` tensors, when the model reads one), and `to_disk` writes
that same blob to a file, so memory and disk share one path and every check on the way back
(names, shapes, dtypes, table sizes: `WeightsError`s that name the file).
"""
from pathlib import Path
from typing import Any, Callable, List, Optional, Tuple, Union

from spacy.tokens import Doc
from spacy.vocab import Vocab
from thinc.api import Model
from thinc.types import Floats2d

from .featurize.blinding import BlindTerms
from .featurize.features import static_vectors_width
from .featurize.lexicon_table import SentimentLexicon
from .nn.network import SentimentNet
from .serialization import BYTES_SOURCE, WeightsError, read_weights_file, tensors_from_bytes, tensors_to_bytes

LEXICON_PREFIX = "lexicon."
BLINDED_PREFIX = "blinded."


class SentimentClassifier(Model[List[Doc], Floats2d]):
    """Label probabilities for docs, one row per doc (rows sum to 1).

    The output size (`nO`, the label count) and the static-vector width are settled at
    `initialize` from the labels and the vocab, or when weights are loaded from their shapes.
    """

    def __init__(self, featurizer: Model, torch_layer: Model, nO: Optional[int]):
        super().__init__(
            "lstm_sentiment_classifier",
            _forward,
            init=_init,
            layers=[featurizer, torch_layer],
            refs={"featurizer": featurizer, "torch_layer": torch_layer},
            dims={"nO": nO},
            attrs={"resize_output": _resize_output},
        )

    @property
    def net(self) -> SentimentNet:
        """The torch module (the one place that reaches into thinc's shim)."""
        return self.get_ref("torch_layer").shims[0]._model

    @property
    def uses_lexicon(self) -> bool:
        return bool(self.get_ref("featurizer").attrs["use_lexicon"])

    @property
    def include_static_vectors(self) -> bool:
        return bool(self.get_ref("featurizer").attrs["include_static_vectors"])

    @property
    def lexicon(self) -> Optional[SentimentLexicon]:
        return self.get_ref("featurizer").attrs["lexicon"]

    def set_lexicon(self, lexicon: SentimentLexicon) -> None:
        """The sentiment lexicon the featurizer reads (before `initialize`; saved with the weights)."""
        if not self.uses_lexicon:
            raise ValueError("this model does not read a lexicon: set use_lexicon = true in its config")
        self.get_ref("featurizer").attrs["lexicon"] = lexicon

    def to_bytes(self, *, exclude: Any = ()) -> bytes:
        tensors = dict(self.net.state_dict())
        if self.lexicon is not None:
            tensors.update(self.lexicon.to_tensors())
        blinded = self.get_ref("featurizer").attrs["blinded"]
        if blinded is not None:
            tensors.update(blinded.to_tensors())
        return tensors_to_bytes(tensors)

    def from_bytes(self, bytes_data: bytes, *, exclude: Any = (), source: str = BYTES_SOURCE) -> "SentimentClassifier":
        """Load weights saved by `to_bytes`; `source` names the data in errors."""
        state = tensors_from_bytes(bytes_data, source)
        tables = _pop_prefixed(state, LEXICON_PREFIX)
        if tables and not self.uses_lexicon:
            raise WeightsError(f"{source}: holds a sentiment lexicon, but the model's config has use_lexicon = false")
        lexicon = SentimentLexicon.from_tensors(tables, source) if self.uses_lexicon else None
        featurizer = self.get_ref("featurizer")
        listed = _pop_prefixed(state, BLINDED_PREFIX)
        if listed and featurizer.attrs["blinded"] is None:
            raise WeightsError(f"{source}: lists blinded terms, but the config has blind_identity_terms = false")
        blinded = BlindTerms.from_tensors(listed, source) if featurizer.attrs["blinded"] is not None else None
        net = self.net
        net.load_weights(state, source)
        if lexicon is not None:
            featurizer.attrs["lexicon"] = lexicon
        if blinded is not None:
            featurizer.attrs["blinded"] = blinded
        self.set_dim("nO", net.n_labels, force=True)
        return self

    def check_static_vectors(self, vocab: Vocab, source: str) -> None:
        """With `include_static_vectors`, the vocab's vectors must be as wide as those the weights were
        trained with (0: none); `source` names the vectors in the WeightsError."""
        width = static_vectors_width(vocab)
        if self.include_static_vectors and width != self.net.static_width:
            raise WeightsError(
                f"{source}: static vectors {width} wide, but the model was trained with vectors "
                f"{self.net.static_width} wide (0: none); load the vectors it was trained with"
            )

    def to_disk(self, path: Union[str, Path]) -> None:
        Path(path).write_bytes(self.to_bytes())

    def from_disk(self, path: Union[str, Path]) -> "SentimentClassifier":
        return self.from_bytes(read_weights_file(path), source=str(path))


def _pop_prefixed(state: dict, prefix: str) -> dict:
    """Remove and return the tensors of `state` whose names start with `prefix`."""
    return {name: state.pop(name) for name in [name for name in state if name.startswith(prefix)]}


def _forward(model: SentimentClassifier, docs: List[Doc], is_train: bool) -> Tuple[Floats2d, Callable]:
    """Softmax over the torch logits. Backprop expects d_scores = probs - truths: the gradient of
    cross-entropy with respect to the logits, which it passes to torch unchanged."""
    features, _ = model.get_ref("featurizer")(docs, is_train)
    logits, backprop_logits = model.get_ref("torch_layer")(features, is_train)
    probs = model.ops.softmax(logits)

    def backprop(d_logits: Floats2d) -> List[Any]:
        backprop_logits(d_logits)
        return []

    return probs, backprop


def _init(model: SentimentClassifier, X: Optional[List[Doc]] = None, Y: Optional[Floats2d] = None) -> None:
    net = model.net
    n_labels = Y.shape[1] if Y is not None else (model.get_dim("nO") if model.has_dim("nO") else net.n_labels)
    static_width = net.static_width
    if X and model.include_static_vectors:
        static_width = static_vectors_width(X[0].vocab)
    net.reshape(n_labels, static_width)
    model.set_dim("nO", n_labels, force=True)


def _resize_output(model: SentimentClassifier, new_nO: int) -> SentimentClassifier:
    net = model.net
    if new_nO != net.n_labels:
        net.reshape(new_nO, net.static_width)
        model.get_ref("torch_layer").shims[0].forget_optimizer_state()
    model.set_dim("nO", new_nO, force=True)
    return model
