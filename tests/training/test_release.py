"""Releasing a trained pipeline as a shipped model: compact weights, no training strings, a model card whose
hashes match; the CLI and fine-tuning with configs/finetune.cfg."""
import json
import subprocess
import sys

import numpy
import pytest
import spacy
import torch
from typer.testing import CliRunner

from spacy_lstm_sentiment.cli.main import app
from spacy_lstm_sentiment.errors import WeightsError
from spacy_lstm_sentiment.evaluation.model_card import CARD_FILE, file_hashes, listed_hashes
from spacy_lstm_sentiment.ml.compact_weights import compact, expand
from spacy_lstm_sentiment.training.shipped_model import release_pipeline

from conftest import LABELS, REPO_ROOT, make_texts, write_docbin


def test_compact_storage_halves_floats_and_keeps_only_nonzero_rows():
    table = torch.zeros(1000, 3)
    table[[5, 17, 999]] = torch.randn(3, 3)
    network = {"ngrams.weight": table, "output.weight": torch.randn(3, 8), "steps": torch.arange(4)}
    stored, description = compact(network)
    assert stored["ngrams.weight@rows"].tolist() == [5, 17, 999] and stored["output.weight"].dtype == torch.float16
    assert torch.equal(stored["steps"], network["steps"])
    restored = expand(stored, description, "test")
    assert restored.keys() == network.keys() and restored["ngrams.weight"].dtype == torch.float32
    for name in ("ngrams.weight", "output.weight"):
        assert torch.allclose(restored[name], network[name], atol=2e-3)
    assert not restored["ngrams.weight"][0].any()
    broken = dict(stored, **{"ngrams.weight@rows": torch.tensor([5, 17, 1000], dtype=torch.int32)})
    with pytest.raises(WeightsError, match="do not fit"):
        expand(broken, description, "model.safetensors")


@pytest.fixture(scope="module")
def released(trained_pipeline_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("shipped") / "en_tiny"
    return release_pipeline(trained_pipeline_dir, folder, "en_tiny", "1.2.3")


def test_a_released_model_scores_as_the_trained_pipeline_up_to_float16(trained_pipeline_dir, released):
    trained, shipped = spacy.load(trained_pipeline_dir), spacy.load(released)
    texts = [text for text, _ in make_texts(30, seed=4)]
    for a, b in zip(trained.pipe(texts), shipped.pipe(texts)):
        assert numpy.allclose(list(a.cats.values()), list(b.cats.values()), atol=2e-3)
    meta = json.loads((released / "meta.json").read_text())
    assert meta["name"] == "en_tiny" and meta["version"] == "1.2.3"
    assert shipped.config["components"]["lstm_sentiment"]["pretrained"] is None
    strings = json.loads((released / "vocab" / "strings.json").read_text())
    assert "airline" not in strings  # the training texts' words stay behind


def test_the_model_card_lists_every_file_with_its_hash(released, tmp_path):
    report = {"macro_f1": 0.75, "accuracy": 0.77, "ece": 0.03, "per_label": [
        {"label": label, "precision": 0.7, "recall": 0.7, "f1": 0.7, "support": 10} for label in LABELS]}
    check = {"summary": {"n_tests": 42, "mean_failure_rate": 0.12, "negation_failure_rate": 0.3,
                         "identity_failure_rate": 0.02}}
    paths = {}
    for name, data in (("report", report), ("check", check)):
        paths[name] = tmp_path / f"{name}.json"
        paths[name].write_text(json.dumps(data))
    result = CliRunner().invoke(app, [
        "model-card", str(released), "--report", str(paths["report"]), "--check", str(paths["check"]),
        "--template", str(REPO_ROOT / "configs" / "en_social_card.md"), "--command", "check=spacy-lstm-sentiment check",
    ])
    assert result.exit_code == 0, result.output
    card = (released / CARD_FILE).read_text()
    assert listed_hashes(card) == file_hashes(released) and "lstm_sentiment/model.safetensors" in listed_hashes(card)
    assert "| 0.750 |" in card and "`spacy-lstm-sentiment check`" in card and "$" not in card.split("## Files")[0]


def test_the_cli_scores_with_the_shipped_model_by_name(tmp_path):
    stdin = '{"text": "I love it"}\n{"text": null}\n'
    result = CliRunner().invoke(app, ["score", "en_social", "-", "-", "-q"], input=stdin)
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert result.exit_code == 5, result.output  # one record has an error (null text), kept in place
    assert records[0]["sentiment"] == "positive" and records[1]["error"]


@pytest.mark.slow
def test_finetune_config_starts_from_en_social_and_changes_its_weights(tmp_path):
    nlp = spacy.blank("en")
    write_docbin(nlp, make_texts(40, seed=1), tmp_path / "train.spacy")
    write_docbin(nlp, make_texts(12, seed=2), tmp_path / "dev.spacy")
    command = [sys.executable, "-m", "spacy", "train", str(REPO_ROOT / "configs" / "finetune.cfg"), "--output",
               str(tmp_path / "out"), "--paths.train", str(tmp_path / "train.spacy"), "--paths.dev",
               str(tmp_path / "dev.spacy"), "--training.max_steps", "20", "--training.eval_frequency", "10"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    tuned = spacy.load(tmp_path / "out" / "model-last").get_pipe("lstm_sentiment")
    base = spacy.blank("en").add_pipe("lstm_sentiment")
    assert list(tuned.labels) == LABELS and tuned.pretrained == "en_social"
    tuned_state, base_state = tuned.model.net.state_dict(), base.model.net.state_dict()
    assert tuned_state.keys() == base_state.keys()
    assert any(not torch.equal(tuned_state[name], base_state[name]) for name in base_state)
    assert torch.allclose(tuned_state["output.weight"], base_state["output.weight"], atol=0.2)  # started from it
