"""Tampered model directories: each is refused at `spacy.load` with a one-line `WeightsError` naming the
offending file, and nothing in them runs (a pickle in place of the weights is never unpickled)."""
import json
import pickle
import shutil
import struct
from pathlib import Path
from typing import Callable, Dict

import numpy
import pytest
import spacy
import torch

from spacy_lstm_sentiment import WeightsError
from spacy_lstm_sentiment.ml.serialization import tensors_from_bytes, tensors_to_bytes

from conftest import train_small_pipeline
from hardening_models import FULL_FEATURES, add_vectors, give_lexicon

WEIGHTS = "lstm_sentiment/model.safetensors"
CFG = "lstm_sentiment/cfg"
VECTORS = "vocab/vectors"


@pytest.fixture(scope="module")
def saved_models(tmp_path_factory) -> Dict[str, Path]:
    """A plain model, one with lexicon + n-grams + blinding, one trained on 8-wide static vectors."""
    root = tmp_path_factory.mktemp("tamper")
    models = {
        "plain": train_small_pipeline(n_steps=2, seed=3),
        "full": train_small_pipeline(n_steps=2, seed=3, prepare=give_lexicon, **FULL_FEATURES),
        "vectors": train_small_pipeline(n_steps=2, seed=3, prepare=add_vectors(8), include_static_vectors=True),
    }
    for name, nlp in models.items():
        nlp.to_disk(root / name)
    return {name: root / name for name in models}


@pytest.fixture
def copy_of(saved_models, tmp_path) -> Callable[[str], Path]:
    def copy(name: str) -> Path:
        shutil.copytree(saved_models[name], tmp_path / name)
        return tmp_path / name

    return copy


def assert_refused(model_dir: Path, offending: Path) -> str:
    """spacy.load raises a WeightsError whose message is one line naming `offending`."""
    with pytest.raises(WeightsError) as info:
        spacy.load(model_dir)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    assert str(offending) in message
    return message


# --- a pickle in place of the weights: refused, never executed -----------------------------------


class WritesMarker:
    """Unpickling this creates `path` (what a hostile payload would do, harmlessly)."""

    def __init__(self, path: Path):
        self.path = str(path)

    def __reduce__(self):
        return open, (self.path, "w")


def pickle_payload(marker: Path, tmp: Path) -> bytes:
    return pickle.dumps(WritesMarker(marker), protocol=4)


def torch_payload(marker: Path, tmp: Path) -> bytes:
    torch.save({"output.weight": WritesMarker(marker)}, tmp / "payload.pt")
    return (tmp / "payload.pt").read_bytes()


def unpickle(data: bytes, tmp: Path) -> None:
    if data[:2] == b"PK":  # torch.save's zip archive
        (tmp / "control.pt").write_bytes(data)
        torch.load(tmp / "control.pt", weights_only=False)
    else:
        pickle.loads(data)


@pytest.mark.parametrize("make_payload", [pickle_payload, torch_payload], ids=["pickle", "torch.save"])
def test_a_pickle_in_place_of_the_weights_never_runs(copy_of, tmp_path, make_payload):
    control = tmp_path / "control-ran"
    unpickle(make_payload(control, tmp_path), tmp_path)
    assert control.exists()  # the payload does run when unpickled
    model_dir, marker = copy_of("plain"), tmp_path / "payload-ran"
    (model_dir / WEIGHTS).write_bytes(make_payload(marker, tmp_path))
    assert_refused(model_dir, model_dir / WEIGHTS)
    assert not marker.exists()


def test_a_pickled_object_array_as_the_vocab_vectors_never_runs(copy_of, tmp_path):
    """spaCy reads vocab/vectors with numpy.load, which refuses object arrays (pickles) by default."""
    model_dir, marker = copy_of("vectors"), tmp_path / "payload-ran"
    with open(model_dir / VECTORS, "wb") as file:
        numpy.save(file, numpy.array([WritesMarker(marker)], dtype=object), allow_pickle=True)
    with pytest.raises(ValueError, match="allow_pickle"):
        spacy.load(model_dir)
    assert not marker.exists()


# --- broken or altered files: one line naming the file -------------------------------------------


def rewrite_tensors(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def tamper(path: Path) -> None:
        tensors = tensors_from_bytes(path.read_bytes(), str(path))
        change(tensors)
        path.write_bytes(tensors_to_bytes(tensors))

    return tamper


def replace(name: str, change: Callable[[torch.Tensor], torch.Tensor]) -> Callable[[Path], None]:
    return rewrite_tensors(lambda tensors: tensors.update({name: change(tensors[name])}))


def truncate(keep: float) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(path.read_bytes()[: int(len(path.read_bytes()) * keep)])


def huge_header(path: Path) -> None:
    path.write_bytes(struct.pack("<Q", 2**62) + path.read_bytes()[8:])


def offsets_past_the_end(path: Path) -> None:
    data = path.read_bytes()
    size = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8 : 8 + size])
    name = next(key for key in header if key != "__metadata__")
    header[name]["data_offsets"][1] += 4096
    encoded = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(encoded)) + encoded + data[8 + size :])


def write_text(text: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(text, encoding="utf8")


def narrower_vectors(path: Path) -> None:
    table = numpy.load(path)
    assert table.shape[1] == 8
    with open(path, "wb") as file:  # numpy.save on a path would append ".npy"
        numpy.save(file, numpy.ascontiguousarray(table[:, :6]))


GOOD_CFG = {"labels": ["negative", "neutral", "positive"], "threshold": 0.0, "positive_label": None}
FOUR_LABELS = json.dumps({**GOOD_CFG, "labels": ["a", "b", "c", "d"]})

TAMPERED = {
    # the weights file
    "zero-byte": ("plain", WEIGHTS, write_text("")),
    "truncated-header": ("plain", WEIGHTS, truncate(0.001)),
    "truncated-half": ("plain", WEIGHTS, truncate(0.5)),
    "truncated-last-byte": ("plain", WEIGHTS, lambda p: p.write_bytes(p.read_bytes()[:-1])),
    "huge-header-length": ("plain", WEIGHTS, huge_header),
    "offsets-past-the-end": ("plain", WEIGHTS, offsets_past_the_end),
    "not-safetensors": ("plain", WEIGHTS, write_text('{"weights": [1, 2, 3]}')),
    "wrong-shape": ("plain", WEIGHTS, replace("output.bias", lambda bias: torch.zeros(4))),
    "wrong-dtype": ("plain", WEIGHTS, replace("output.bias", lambda bias: bias.double())),
    "nan-weight": ("plain", WEIGHTS, replace("output.bias", lambda bias: bias * float("nan"))),
    "infinite-weight": ("plain", WEIGHTS, replace("output.weight", lambda weight: weight + float("inf"))),
    "extra-key": ("plain", WEIGHTS, rewrite_tensors(lambda t: t.update({"payload.extra": torch.zeros(1)}))),
    "missing-key": ("plain", WEIGHTS, rewrite_tensors(lambda t: t.pop("output.bias"))),
    "unexpected-lexicon": ("plain", WEIGHTS, rewrite_tensors(lambda t: t.update({"lexicon.keys": torch.zeros(1)}))),
    # the tables inside it
    "lexicon-sizes-differ": ("full", WEIGHTS, replace("lexicon.polarity", lambda polarity: polarity[:-1])),
    "lexicon-keys-dtype": ("full", WEIGHTS, replace("lexicon.keys", lambda keys: keys.int())),
    "lexicon-polarity-dtype": ("full", WEIGHTS, replace("lexicon.polarity", lambda polarity: polarity.double())),
    "lexicon-out-of-range": ("full", WEIGHTS, replace("lexicon.polarity", lambda polarity: polarity * 10)),
    "lexicon-missing-table": ("full", WEIGHTS, rewrite_tensors(lambda t: t.pop("lexicon.kinds"))),
    "blinded-keys-dtype": ("full", WEIGHTS, replace("blinded.keys", lambda keys: keys.float())),
    # the cfg
    "cfg-invalid-json": ("plain", CFG, write_text('{"labels": ["negative", "neutral",')),
    "cfg-not-utf8": ("plain", CFG, lambda p: p.write_bytes(b'{"labels": ["\xff\xfe"]}')),
    "cfg-not-an-object": ("plain", CFG, write_text('["negative", "neutral", "positive"]')),
    "cfg-labels-missing": ("plain", CFG, write_text(json.dumps({"threshold": 0.0}))),
    "cfg-labels-a-string": ("plain", CFG, write_text(json.dumps({**GOOD_CFG, "labels": "negative"}))),
    "cfg-labels-not-strings": ("plain", CFG, write_text(json.dumps({**GOOD_CFG, "labels": [0, 1, 2]}))),
    "cfg-labels-twice": ("plain", CFG, write_text(json.dumps({**GOOD_CFG, "labels": ["a", "b", "a"]}))),
    "cfg-threshold-a-string": ("plain", CFG, write_text(json.dumps({**GOOD_CFG, "threshold": "high\nlow"}))),
    "cfg-positive-label-a-list": ("plain", CFG, write_text(json.dumps({**GOOD_CFG, "positive_label": ["x"]}))),
    "cfg-more-labels-than-weights": ("plain", WEIGHTS, lambda p: write_text(FOUR_LABELS)(p.parent / "cfg")),
    # the vocab's static vectors
    "vectors-narrower": ("vectors", VECTORS, narrower_vectors),
    "vectors-removed": ("vectors", VECTORS, lambda p: p.unlink()),
}


@pytest.mark.parametrize("case", list(TAMPERED))
def test_a_tampered_file_is_refused_in_one_line_naming_it(copy_of, case):
    model, offending, tamper = TAMPERED[case]
    model_dir = copy_of(model)
    tamper(model_dir / offending)
    assert_refused(model_dir, model_dir / offending)


@pytest.mark.parametrize("model", ["plain", "full", "vectors"])
def test_the_untampered_copies_load(copy_of, model):
    """The cases above fail because of the tampering, not the copy."""
    nlp = spacy.load(copy_of(model))
    assert sum(nlp("the crew was great").cats.values()) == pytest.approx(1.0, abs=1e-5)
