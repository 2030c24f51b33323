"""The thinc model the architecture builds: featurizer -> torch network -> softmax over labels.

It saves itself, through `serialization` (the file's schema and every check): `to_bytes` is one
safetensors blob holding the network's weights and the featurizer's tables, and `to_disk` writes that
same blob to a file, so memory and disk share one path. It is the only save path: the torch layer
alone refuses to serialize (`shim.py`).
"""
from pathlib import Path
from typing import Any, Callable, List, Optional, Tuple, Union

import torch
from spacy.tokens import Doc
from spacy.vocab import Vocab
from thinc.api import Model
from thinc.types import Floats2d

from ..errors import WeightsError
from .featurize.features import static_vectors_width
from .featurize.lexicon_table import SentimentLexicon
from .featurize.word_vectors import WordVectorKeys
from .nn.network import SentimentNet
from .serialization import BYTES_SOURCE, load_network, model_from_bytes, model_to_bytes, read_weights_file


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

    @property
    def word_vectors(self) -> Optional[WordVectorKeys]:
        """Which NORM ids read which row of the network's own word-vector table (None: it has none)."""
        return self.get_ref("featurizer").attrs["word_vectors"]

    def set_word_vectors(self, keys: WordVectorKeys, table: torch.Tensor) -> None:
        """The word vectors a model with `vectors_in_model` keeps: the featurizer's keys, the network's table."""
        if not self.get_ref("featurizer").attrs["vectors_in_model"]:
            raise ValueError("this model keeps no word vectors of its own: set vectors_in_model in its config")
        self.get_ref("featurizer").attrs["word_vectors"] = keys
        self.net.set_word_vectors(table)

    def to_bytes(self, *, exclude: Any = (), compact: bool = False) -> bytes:
        """The model file's bytes (`serialization`): the network, the lexicon and the blinded terms;
        `compact` stores the network in float16 and its mostly empty tables by rows (shipped models)."""
        blinded = self.get_ref("featurizer").attrs["blinded"]
        state = self.net.state_dict()
        return model_to_bytes(state, self.lexicon, blinded, compact=compact, word_vectors=self.word_vectors)

    def from_bytes(self, bytes_data: bytes, *, exclude: Any = (), source: str = BYTES_SOURCE) -> "SentimentClassifier":
        """Load weights saved by `to_bytes` (by any version); `source` names the data in errors."""
        featurizer = self.get_ref("featurizer")
        saved = model_from_bytes(
            bytes_data,
            source,
            uses_lexicon=self.uses_lexicon,
            blinds=featurizer.attrs["blinded"] is not None,
            owns_vectors=bool(featurizer.attrs["vectors_in_model"]),
        )
        net = self.net
        load_network(net, saved.network, source)
        if saved.lexicon is not None:
            featurizer.attrs["lexicon"] = saved.lexicon
        if saved.blinded is not None:
            featurizer.attrs["blinded"] = saved.blinded
        if saved.word_vectors is not None:
            featurizer.attrs["word_vectors"] = saved.word_vectors
        self.set_dim("nO", net.n_labels, force=True)
        return self

    def copy(self) -> "SentimentClassifier":
        """A deep copy that predicts exactly what this model predicts. thinc's `Model.copy` would rebuild a
        plain `Model` without the `featurizer` and `torch_layer` refs (as spacy-transformers notes for
        its own model), so the copy is built here from copies of the two layers."""
        copied = SentimentClassifier(
            self.get_ref("featurizer").copy(),
            self.get_ref("torch_layer").copy(),
            self.get_dim("nO") if self.has_dim("nO") else None,
        )
        copied.attrs.update({name: value for name, value in self.attrs.items() if name not in copied.attrs})
        return copied

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
    if model.get_ref("featurizer").attrs["vectors_in_model"] and model.word_vectors is None:
        _own_vectors(model, X[0].vocab if X else None)
    static_width = net.static_width
    if X and model.include_static_vectors:
        static_width = static_vectors_width(X[0].vocab)
    net.reshape(n_labels, static_width)
    model.set_dim("nO", n_labels, force=True)


def _own_vectors(model: SentimentClassifier, vocab: Optional[Vocab]) -> None:
    """Copy the vocab's vectors of the `vectors_in_model` most frequent words into the model."""
    if vocab is None or static_vectors_width(vocab) == 0:
        raise ValueError(
            "this model keeps word vectors of its own (vectors_in_model), copied from the vocab's at initialize, "
            "but the vocab has none: set [initialize] vectors (e.g. `spacy project run vectors`)"
        )
    keys, table = WordVectorKeys.from_vectors(vocab.vectors, model.get_ref("featurizer").attrs["vectors_in_model"])
    model.set_word_vectors(keys, torch.from_numpy(table))


def _resize_output(model: SentimentClassifier, new_nO: int) -> SentimentClassifier:
    net = model.net
    if new_nO != net.n_labels:
        net.reshape(new_nO, net.static_width)
        model.get_ref("torch_layer").shims[0].forget_optimizer_state()
    model.set_dim("nO", new_nO, force=True)
    return model
