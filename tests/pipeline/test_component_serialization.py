"""Saving and loading: exact round trips, safetensors only (no pickle), one-line errors for bad weights."""
import io
import pickle
import shutil
import zipfile
from pathlib import Path

import numpy
import pytest
import spacy
import torch
from spacy.training import Example

from spacy_lstm_sentiment import WeightsError

from conftest import DATA_DIR, LABELS, SMALL_MODEL, make_texts, train_small_pipeline

PROBE_TEXTS = [t for t, _ in make_texts(6, seed=40)] + ["", "not bad", "😀🔥", " ".join(["so delayed again"] * 120)]


def component_config(nlp) -> dict:
    return {k: v for k, v in nlp.config["components"]["lstm_sentiment"].items() if k != "factory"}


def scores_of(nlp, texts=PROBE_TEXTS) -> numpy.ndarray:
    labels = nlp.get_pipe("lstm_sentiment").labels
    return numpy.array([[doc.cats[label] for label in labels] for doc in nlp.pipe(texts)])


ROUND_TRIP_CASES = {
    "lstm": {"rnn_type": "lstm"},
    "peephole": {"rnn_type": "peephole", "pooling": "attention"},
    "lstm-ngrams": {"rnn_type": "lstm", "ngram_sizes": [1, 2], "ngram_rows": 1000},
    "gru-depth2-unidirectional-chunked": {"rnn_type": "gru", "depth": 2, "bidirectional": False, "max_length": 16},
}


@pytest.fixture(scope="module", params=list(ROUND_TRIP_CASES))
def trained_variant(request):
    return train_small_pipeline(n_steps=8, seed=1, **ROUND_TRIP_CASES[request.param])


def test_to_disk_spacy_load_round_trip(trained_variant, tmp_path):
    trained_variant.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.get_pipe("lstm_sentiment").labels == trained_variant.get_pipe("lstm_sentiment").labels
    numpy.testing.assert_allclose(scores_of(loaded), scores_of(trained_variant), atol=1e-6)


def test_to_bytes_from_bytes_round_trip(trained_variant):
    data = trained_variant.to_bytes()
    fresh = spacy.util.load_model_from_config(trained_variant.config, auto_fill=True)
    fresh.from_bytes(data)
    numpy.testing.assert_allclose(scores_of(fresh), scores_of(trained_variant), atol=1e-6)


def test_component_to_bytes_round_trip_into_an_uninitialized_component(trained_variant):
    original = trained_variant.get_pipe("lstm_sentiment")
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe("lstm_sentiment", config=component_config(trained_variant))
    pipe.from_bytes(original.to_bytes())
    docs = [nlp.make_doc(t) for t in PROBE_TEXTS]
    numpy.testing.assert_allclose(pipe.predict(docs), original.predict(docs), atol=1e-6)


def test_round_trip_restores_a_non_default_label_count(tmp_path):
    """Five labels: the reload must build a 5-way output layer from cfg and the weights' shapes."""
    nlp = spacy.blank("en")
    model = {**SMALL_MODEL, "rows": [500, 100, 100, 50], "embed_width": 8, "hidden_width": 8}
    nlp.add_pipe("lstm_sentiment", config={"pretrained": None, "model": model})
    stars = ["1", "2", "3", "4", "5"]
    examples = [
        Example.from_dict(nlp.make_doc(text), {"cats": {s: float(s == stars[i % 5]) for s in stars}})
        for i, (text, _) in enumerate(make_texts(10))
    ]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(3):
        nlp.update(examples, sgd=optimizer)
    nlp.get_pipe("lstm_sentiment").add_label("6")
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert list(loaded.get_pipe("lstm_sentiment").labels) == stars + ["6"]
    assert loaded.get_pipe("lstm_sentiment").model.net.n_labels == 6
    numpy.testing.assert_allclose(scores_of(loaded), scores_of(nlp), atol=1e-6)
    fresh = spacy.util.load_model_from_config(nlp.config, auto_fill=True).from_bytes(nlp.to_bytes())
    numpy.testing.assert_allclose(scores_of(fresh), scores_of(nlp), atol=1e-6)


# --- no pickle anywhere ------------------------------------------------------------------------


def pickled_files(root: Path):
    """Files under root that are pickles, or zip archives holding one (what torch.save writes)."""
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if len(data) >= 2 and data[0] == 0x80 and 2 <= data[1] <= 5:
            found.append(path)
        elif zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if any(name.endswith(".pkl") for name in archive.namelist()):
                    found.append(path)
    return found


def test_pickle_scanner_detects_torch_save_and_pickle(tmp_path):
    torch.save({"w": torch.zeros(2)}, tmp_path / "torch.bin")
    (tmp_path / "plain.pkl").write_bytes(pickle.dumps({"a": 1}, protocol=4))
    (tmp_path / "ok.json").write_text("{}")
    assert {p.name for p in pickled_files(tmp_path)} == {"torch.bin", "plain.pkl"}


def test_saved_pipeline_holds_safetensors_and_no_pickle(trained_pipeline_dir):
    component_dir = trained_pipeline_dir / "lstm_sentiment"
    assert (component_dir / "model.safetensors").is_file()
    assert (component_dir / "cfg").is_file()
    assert not (component_dir / "model").exists()  # no thinc/torch default serialization beside it
    assert pickled_files(trained_pipeline_dir) == []
    from safetensors.torch import load_file

    state = load_file(str(component_dir / "model.safetensors"))
    assert state["output.weight"].shape[0] == len(LABELS)


def test_loading_never_unpickles(trained_pipeline_dir, trained_nlp, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("unpickling during spacy.load")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(torch, "load", refuse)
    monkeypatch.setattr(torch.serialization, "load", refuse)
    loaded = spacy.load(trained_pipeline_dir)
    numpy.testing.assert_allclose(scores_of(loaded), scores_of(trained_nlp), atol=1e-6)


# --- bad weights: WeightsError, one line, naming the file ---------------------------------------


@pytest.fixture
def pipeline_copy(trained_pipeline_dir, tmp_path) -> Path:
    path = tmp_path / "model"
    shutil.copytree(trained_pipeline_dir, path)
    return path


def assert_one_line_naming(error: WeightsError, path: Path):
    message = str(error)
    assert "\n" not in message.strip()
    assert str(path) in message


@pytest.mark.parametrize("keep", [0.5, 0.99, 0.0])
def test_truncated_weights(pipeline_copy, keep):
    weights = pipeline_copy / "lstm_sentiment" / "model.safetensors"
    data = weights.read_bytes()
    weights.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(WeightsError) as info:
        spacy.load(pipeline_copy)
    assert_one_line_naming(info.value, weights)


def test_missing_weights(pipeline_copy):
    weights = pipeline_copy / "lstm_sentiment" / "model.safetensors"
    weights.unlink()
    with pytest.raises(WeightsError) as info:
        spacy.load(pipeline_copy)
    assert_one_line_naming(info.value, weights)
    assert "missing" in str(info.value)


def test_a_torch_pickle_in_place_of_the_weights_is_refused_unread(pipeline_copy, monkeypatch):
    weights = pipeline_copy / "lstm_sentiment" / "model.safetensors"
    torch.save(spacy.load(pipeline_copy).get_pipe("lstm_sentiment").model.net.state_dict(), weights)
    monkeypatch.setattr(pickle, "load", lambda *a, **k: pytest.fail("unpickled"))
    monkeypatch.setattr(torch, "load", lambda *a, **k: pytest.fail("torch.load called"))
    with pytest.raises(WeightsError) as info:
        spacy.load(pipeline_copy)
    assert_one_line_naming(info.value, weights)


@pytest.fixture(scope="module")
def hidden_width_dirs(tmp_path_factory):
    root = tmp_path_factory.mktemp("widths")
    for width in (8, 16):
        train_small_pipeline(n_steps=1, seed=2, hidden_width=width).to_disk(root / f"h{width}")
    return root


def test_weights_with_other_shapes(hidden_width_dirs, tmp_path):
    target = tmp_path / "h8"
    shutil.copytree(hidden_width_dirs / "h8", target)
    weights = target / "lstm_sentiment" / "model.safetensors"
    shutil.copyfile(hidden_width_dirs / "h16" / "lstm_sentiment" / "model.safetensors", weights)
    with pytest.raises(WeightsError) as info:
        spacy.load(target)
    assert_one_line_naming(info.value, weights)
    assert "shape" in str(info.value)


def test_weights_for_another_label_count(pipeline_copy, tmp_path):
    """Weights scoring 5 labels under a cfg that lists 3."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lstm_sentiment", config=component_config(spacy.load(pipeline_copy)))
    nlp.config["initialize"]["components"]["lstm_sentiment"] = {"labels": ["1", "2", "3", "4", "5"]}
    nlp.initialize()
    nlp.to_disk(tmp_path / "five")
    weights = pipeline_copy / "lstm_sentiment" / "model.safetensors"
    shutil.copyfile(tmp_path / "five" / "lstm_sentiment" / "model.safetensors", weights)
    with pytest.raises(WeightsError) as info:
        spacy.load(pipeline_copy)
    assert_one_line_naming(info.value, weights)


# --- layouts saved by earlier versions ----------------------------------------------------------

DATA = DATA_DIR


def test_a_pipeline_saved_by_version_0_1_loads_with_equal_scores():
    """tests/data/pipeline_v0_1 was written by the 0.1.0 code (weights saved by the component)."""
    import json

    expected = json.loads((DATA / "pipeline_v0_1_scores.json").read_text(encoding="utf8"))
    loaded = spacy.load(DATA / "pipeline_v0_1")
    for doc, scores in zip(loaded.pipe(expected["texts"]), expected["scores"]):
        assert doc.cats == pytest.approx(scores, abs=1e-6)


def test_a_pipeline_saved_by_version_0_2_loads_with_equal_scores():
    """tests/data/pipeline_v0_2 was written by the 0.2.0 code (`tests/data/make_pipeline_v0_2.py`): lexicon
    tables, blinded identity terms and n-grams in a weights file without format metadata."""
    import json

    expected = json.loads((DATA / "pipeline_v0_2_scores.json").read_text(encoding="utf8"))
    loaded = spacy.load(DATA / "pipeline_v0_2")
    for doc, scores in zip(loaded.pipe(expected["texts"]), expected["scores"]):
        assert doc.cats == pytest.approx(scores, abs=1e-6)
