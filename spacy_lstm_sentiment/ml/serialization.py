"""The model file: one safetensors blob, the only way a model is saved and loaded (no pickle).

What a file holds (`SentimentClassifier.to_bytes` writes it, `to_disk` writes the same bytes to
``model.safetensors``, so memory and disk share every check):

- the network's weights, under their `torch.nn.Module.state_dict` names (``embeddings.0.weight``,
  ``encoder.rnn.weight_ih_l0``, ``output.weight``, ...); the label count and the static-vector width
  are read back from their shapes (`network_sizes`);
- with ``use_lexicon``, the sentiment lexicon: ``lexicon.keys`` (int64 bit patterns of the forms'
  64-bit ids), ``lexicon.polarity`` (float32), ``lexicon.kinds`` (uint8);
- with ``blind_identity_terms``, the blinded terms: ``blinded.keys`` (int64 bit patterns of NORM ids);
- with ``vectors_in_model``, which NORM ids read which row of the network's ``word_vectors.weight``:
  ``vectors.keys`` (int64 bit patterns), ``vectors.rows`` (int64);
- metadata ``{"format": "spacy-lstm-sentiment", "format_version": "2"}``. Files without metadata
  were written by 0.1 and 0.2 (format 1: the same tensors) and load the same way. Models shipped in
  the package store the network compactly (`compact_weights`: float16, the n-gram table by rows):
  format version 3, with the rewrite described in the metadata's ``compact``.

Every check on the way back (names, shapes, dtypes, finite values, table sizes, the format version)
raises a one-line `WeightsError` that names the file (or `BYTES_SOURCE` for bytes).
"""
import json
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Mapping, Optional, Tuple, Union

import numpy
import torch
from safetensors import SafetensorError
from safetensors.torch import load, save

from ..errors import WeightsError, one_line
from .compact_weights import compact as compact_network
from .compact_weights import expand as expand_network
from .featurize.blinding import BlindTerms
from .featurize.lexicon_table import SentimentLexicon
from .featurize.word_vectors import WordVectorKeys

WEIGHTS_FILE = "model.safetensors"
BYTES_SOURCE = "lstm_sentiment model bytes"
"""What errors name when the data came from `from_bytes` rather than a file."""
FORMAT_NAME = "spacy-lstm-sentiment"
FORMAT_VERSION = 2
"""What `model_to_bytes` writes. 1: 0.1 and 0.2 (no metadata); 2: the same tensors, with this metadata."""
COMPACT_FORMAT_VERSION = 3
"""What `model_to_bytes(..., compact=True)` writes, and the newest version this code reads."""
LEXICON_PREFIX = "lexicon."
VECTORS_PREFIX = "vectors."
WORD_VECTORS = "word_vectors.weight"
BLINDED_PREFIX = "blinded."
BLINDED_KEYS = "blinded.keys"


@dataclass
class ModelTensors:
    """A model file's contents, checked: the network's state, and the tables the featurizer reads."""

    network: Dict[str, torch.Tensor]
    lexicon: Optional[SentimentLexicon] = None
    blinded: Optional[BlindTerms] = None
    word_vectors: Optional[WordVectorKeys] = None
    format_version: int = FORMAT_VERSION


def model_to_bytes(
    network: Mapping[str, torch.Tensor],
    lexicon: Optional[SentimentLexicon],
    blinded: Optional[BlindTerms],
    compact: bool = False,
    word_vectors: Optional[WordVectorKeys] = None,
) -> bytes:
    """The file's bytes: the network's state, the lexicon and the blinded terms, with the format metadata;
    `compact` stores the network as `compact_weights` says (format version 3)."""
    metadata = {"format": FORMAT_NAME, "format_version": str(FORMAT_VERSION)}
    tensors = dict(network)
    if compact:
        tensors, metadata["compact"] = compact_network(tensors)
        metadata["format_version"] = str(COMPACT_FORMAT_VERSION)
    if lexicon is not None:
        tensors.update(lexicon.to_tensors())
    if blinded is not None:
        tensors[BLINDED_KEYS] = torch.from_numpy(blinded.keys.view(numpy.int64).copy())
    if word_vectors is not None:
        tensors.update(word_vectors.to_tensors())
    return tensors_to_bytes(tensors, metadata)


def model_from_bytes(
    data: bytes, source: str, *, uses_lexicon: bool, blinds: bool, owns_vectors: bool = False
) -> ModelTensors:
    """Read and check a file's bytes for a model with (or without) a lexicon and blinded terms; the
    network's state is checked against the network when it is loaded (`load_network`)."""
    state = tensors_from_bytes(data, source)
    version = format_version(data, source)
    if version >= COMPACT_FORMAT_VERSION:
        state = expand_network(state, _metadata(data).get("compact", ""), source)
    tables = _pop_prefixed(state, LEXICON_PREFIX)
    if tables and not uses_lexicon:
        raise WeightsError(f"{source}: holds a sentiment lexicon, but the model's config has use_lexicon = false")
    lexicon = SentimentLexicon.from_tensors(tables, source) if uses_lexicon else None
    listed = _pop_prefixed(state, BLINDED_PREFIX)
    if listed and not blinds:
        raise WeightsError(f"{source}: lists blinded terms, but the config has blind_identity_terms = false")
    blinded = _blinded_from_tensors(listed, source) if blinds else None
    keys = _pop_prefixed(state, VECTORS_PREFIX)
    if (keys or WORD_VECTORS in state) and not owns_vectors:
        raise WeightsError(f"{source}: holds word vectors of its own, but the config has vectors_in_model = 0")
    word_vectors = None
    if owns_vectors:
        if WORD_VECTORS not in state:
            raise WeightsError(f"{source}: the model owns word vectors (vectors_in_model) but lacks {WORD_VECTORS}")
        word_vectors = WordVectorKeys.from_tensors(keys, state[WORD_VECTORS].shape[0], source)
    return ModelTensors(state, lexicon, blinded, word_vectors, version)


def _blinded_from_tensors(tensors: Mapping[str, torch.Tensor], source: str) -> BlindTerms:
    tensor = tensors.get(BLINDED_KEYS)
    if tensor is None:
        raise WeightsError(f"{source}: the model blinds identity terms, but {BLINDED_KEYS} is missing")
    if tensor.dtype != torch.int64 or tensor.dim() != 1:
        raise WeightsError(f"{source}: {BLINDED_KEYS} must be a 1-d torch.int64 tensor, got {tensor.dtype}")
    return BlindTerms(tensor.numpy().view(numpy.uint64))


def _pop_prefixed(state: dict, prefix: str) -> dict:
    """Remove and return the tensors of `state` whose names start with `prefix`."""
    return {name: state.pop(name) for name in [name for name in state if name.startswith(prefix)]}


def format_version(data: bytes, source: str) -> int:
    """The format version of readable safetensors data: 1 without metadata (0.1, 0.2); a WeightsError
    for another format, or a newer version than this code reads."""
    metadata = _metadata(data)
    if not metadata.get("format"):
        return 1
    if metadata["format"] != FORMAT_NAME:
        raise WeightsError(f"{source}: a {metadata['format']!r} file, not a {FORMAT_NAME} model")
    version = str(metadata.get("format_version", ""))
    if not version.isdigit() or not 1 <= int(version) <= COMPACT_FORMAT_VERSION:
        raise WeightsError(
            f"{source}: format version {version or '?'}, but this version of the package reads 1 to "
            f"{COMPACT_FORMAT_VERSION}; upgrade spacy-lstm-sentiment"
        )
    return int(version)


def _metadata(data: bytes) -> Dict[str, str]:
    """The ``__metadata__`` of safetensors data (safetensors reads it from files only): the data starts
    with the header's size (8 bytes, little-endian), then the header, a JSON object."""
    (size,) = struct.unpack("<Q", data[:8])
    metadata = json.loads(data[8 : 8 + size]).get("__metadata__")
    return metadata if isinstance(metadata, dict) else {}


def network_sizes(
    state: Mapping[str, torch.Tensor], embed_width: int, lexicon_width: int
) -> Tuple[Optional[int], Optional[int]]:
    """The label count and static-vector width the saved network was built for (None when the state does
    not say): the output layer's rows, and the encoder's first input width beyond the embeddings and
    lexicon features."""
    n_labels = state["output.weight"].shape[0] if "output.weight" in state else None
    input_key = next(
        (k for k in state if k.startswith("encoder.") and k.endswith(("weight_ih_l0", "input_gates.weight"))), None
    )
    static_width = None
    if input_key is not None:
        static_width = max(state[input_key].shape[1] - embed_width - lexicon_width, 0)
    return n_labels, static_width


def load_network(net: torch.nn.Module, state: Dict[str, torch.Tensor], source: str) -> None:
    """Adapt the network's two runtime sizes to `state`, then load it (names, shapes, dtypes, finite values)."""
    if WORD_VECTORS in state and state[WORD_VECTORS].dim() == 2:  # the table's shape, before the sizes
        net.set_word_vectors(torch.zeros(state[WORD_VECTORS].shape))
    n_labels, static_width = network_sizes(state, net.embeddings.output_width, net.lexicon_width)
    net.reshape(
        net.n_labels if n_labels is None else n_labels, net.static_width if static_width is None else static_width
    )
    load_state(net, state, source)


def load_state(module: torch.nn.Module, state: Dict[str, torch.Tensor], source: str) -> None:
    """Copy `state` into `module`, which must have exactly these names, shapes and dtypes, and finite values."""
    expected = module.state_dict()
    missing = sorted(set(expected) - set(state))
    unexpected = sorted(set(state) - set(expected))
    if missing or unexpected:
        raise WeightsError(
            f"{source}: weights do not match the model (missing: {', '.join(missing) or '-'}; "
            f"unexpected: {', '.join(unexpected) or '-'})"
        )
    for name, tensor in state.items():
        if tuple(tensor.shape) != tuple(expected[name].shape):
            raise WeightsError(
                f"{source}: {name} has shape {tuple(tensor.shape)}, the model expects "
                f"{tuple(expected[name].shape)}; was it trained with another config?"
            )
        if tensor.dtype != expected[name].dtype:
            raise WeightsError(f"{source}: {name} is {tensor.dtype}, the model expects {expected[name].dtype}")
        if tensor.is_floating_point() and not bool(torch.isfinite(tensor).all()):
            raise WeightsError(f"{source}: {name} holds NaN or infinite values")
    module.load_state_dict(state)


def tensors_to_bytes(tensors: Dict[str, torch.Tensor], metadata: Optional[Dict[str, str]] = None) -> bytes:
    """Safetensors data of `tensors` (copied to contiguous CPU memory)."""
    return save({name: tensor.detach().cpu().contiguous() for name, tensor in tensors.items()}, metadata=metadata)


def tensors_from_bytes(data: bytes, source: str) -> Dict[str, torch.Tensor]:
    """Tensors on the CPU from safetensors data; `source` names the data in errors."""
    try:
        return load(data)
    except (SafetensorError, ValueError, OverflowError) as err:
        raise WeightsError(f"{source}: not readable safetensors data ({one_line(err)})") from None


def read_weights_file(path: Union[str, Path]) -> bytes:
    """The bytes of a weights file, or a WeightsError naming it."""
    path = Path(path)
    if not path.is_file():
        raise WeightsError(f"{path}: weights file is missing")
    try:
        return path.read_bytes()
    except OSError as err:
        raise WeightsError(f"{path}: cannot read the weights file ({one_line(err)})") from None
