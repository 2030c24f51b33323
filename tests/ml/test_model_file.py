"""The model file and the model's copies: one save path, a format version, exact copies."""
import json
import struct

import numpy
import pytest
import spacy
import torch

from spacy_lstm_sentiment import WeightsError
from spacy_lstm_sentiment.ml.serialization import FORMAT_NAME, FORMAT_VERSION, tensors_from_bytes, tensors_to_bytes

from conftest import DATA_DIR, make_texts

DATA = DATA_DIR
PROBES = [t for t, _ in make_texts(6, seed=3)] + ["", "not bad at all", "the muslim crew was rude 😡", "soooo good"]


def safetensors_metadata(data: bytes) -> dict:
    (size,) = struct.unpack("<Q", data[:8])
    return json.loads(data[8 : 8 + size]).get("__metadata__") or {}


@pytest.fixture(scope="module")
def every_table():
    """A trained pipeline whose model holds every table: lexicon, blinded terms, n-grams (saved by 0.2)."""
    return spacy.load(DATA / "pipeline_v0_2")


@pytest.mark.parametrize("which", ["plain", "every_table"])
def test_a_copy_of_the_model_predicts_exactly_what_the_model_predicts(which, trained_nlp, every_table):
    nlp = trained_nlp if which == "plain" else every_table
    model = nlp.get_pipe("lstm_sentiment").model
    copied = model.copy()
    assert type(copied) is type(model) and copied is not model
    docs = [nlp.make_doc(text) for text in PROBES]
    numpy.testing.assert_array_equal(copied.predict(docs), model.predict(docs))
    saved, again = (tensors_from_bytes(m.to_bytes(), "model") for m in (model, copied))
    assert saved.keys() == again.keys() and all(torch.equal(saved[name], again[name]) for name in saved)


def test_a_copy_is_independent_of_its_original(trained_nlp):
    model = trained_nlp.get_pipe("lstm_sentiment").model
    docs = [trained_nlp.make_doc(text) for text in PROBES]
    before = model.predict(docs)
    copied = model.copy()
    with torch.no_grad():
        copied.net.output.bias.add_(1.0)
    numpy.testing.assert_array_equal(model.predict(docs), before)
    assert not numpy.array_equal(copied.predict(docs), before)


def test_the_torch_layer_alone_refuses_to_save_or_load(trained_nlp):
    """One save path: the classifier's (network, lexicon and blinded terms in one file)."""
    torch_layer = trained_nlp.get_pipe("lstm_sentiment").model.get_ref("torch_layer")
    with pytest.raises(NotImplementedError, match="SentimentClassifier"):
        torch_layer.to_bytes()
    with pytest.raises(NotImplementedError, match="SentimentClassifier"):
        torch_layer.shims[0].from_bytes(b"\x80")


def test_the_weights_file_states_its_format_version(trained_pipeline_dir):
    data = (trained_pipeline_dir / "lstm_sentiment" / "model.safetensors").read_bytes()
    assert safetensors_metadata(data) == {"format": FORMAT_NAME, "format_version": str(FORMAT_VERSION)}
    assert FORMAT_VERSION == 2


def test_files_of_0_1_and_0_2_have_no_metadata_and_still_load():
    for name in ("pipeline_v0_1", "pipeline_v0_2"):
        assert safetensors_metadata((DATA / name / "lstm_sentiment" / "model.safetensors").read_bytes()) == {}
        assert spacy.load(DATA / name).get_pipe("lstm_sentiment").labels


@pytest.mark.parametrize(
    "metadata, message",
    [
        ({"format": FORMAT_NAME, "format_version": "4"}, "format version 4"),
        ({"format": FORMAT_NAME, "format_version": "two"}, "format version two"),
        ({"format": "something-else", "format_version": "1"}, "not a spacy-lstm-sentiment model"),
    ],
)
def test_a_file_of_a_newer_or_other_format_is_refused_naming_it(trained_pipeline_dir, tmp_path, metadata, message):
    import shutil

    copy = tmp_path / "model"
    shutil.copytree(trained_pipeline_dir, copy)
    weights = copy / "lstm_sentiment" / "model.safetensors"
    weights.write_bytes(tensors_to_bytes(tensors_from_bytes(weights.read_bytes(), str(weights)), metadata))
    with pytest.raises(WeightsError, match=message) as info:
        spacy.load(copy)
    assert str(weights) in str(info.value) and "\n" not in str(info.value)
