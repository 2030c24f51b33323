"""Evaluation report: confusion matrix, per-label scores, Markdown/PNG/JSON output, spaCy cross-check."""
import json

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import DocBin
from typer.testing import CliRunner

from spacy_lstm_sentiment.cli import corpus as corpus_cli  # noqa: F401  (registers the commands)
from spacy_lstm_sentiment.cli.app import app
from spacy_lstm_sentiment.evaluation.eval_report import (
    build_report,
    compute_report,
    format_markdown_table,
    write_confusion_png,
)
from spacy_lstm_sentiment.labels import top_label

LABELS = ["negative", "neutral", "positive"]


def test_top_label_reads_all_zero_scores_as_nothing_scored():
    assert top_label({"a": 0.2, "b": 0.5, "c": 0.3}) == "b"
    assert top_label({"a": 0.5, "b": 0.5}) == "a"  # ties: the first label, as spaCy's scorer
    assert top_label({}) is None
    assert top_label({"a": 0.0, "b": 0.0}) is None and top_label({"a": 0.0, "b": 1.0}) == "b"


def test_compute_report_by_hand():
    gold = ["negative", "negative", "negative", "neutral", "neutral", "positive"]
    pred = ["negative", "negative", "neutral", "neutral", "positive", "positive"]
    report = compute_report(gold, pred, LABELS)
    assert report.confusion == [[2, 1, 0], [0, 1, 1], [0, 0, 1]]
    neg, neu, pos = report.per_label
    assert (neg.precision, neg.recall, neg.support) == (1.0, 2 / 3, 3)
    assert (neu.precision, neu.recall) == (0.5, 0.5)
    assert (pos.precision, pos.recall, pos.f1) == (0.5, 1.0, pytest.approx(2 / 3))
    assert report.macro_f1 == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)
    assert report.accuracy == pytest.approx(4 / 6)
    table = format_markdown_table(report, title="t")
    assert "| negative | 1.000 | 0.667 | 0.800 | 3 |" in table
    assert f"**{report.macro_f1:.3f}**" in table and "| **accuracy** |" in table


def test_label_never_predicted_scores_zero():
    report = compute_report(["a", "b"], ["a", "a"], ["a", "b"])
    assert report.per_label[1].precision == 0.0 and report.per_label[1].f1 == 0.0


def test_confusion_png_is_written(tmp_path):
    report = compute_report(["a", "b", "b"], ["a", "b", "a"], ["a", "b"])
    path = write_confusion_png(report, tmp_path / "plots" / "cm.png", title="test")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@Language.component("test_report_keyword_cats")
def keyword_cats(doc):
    """Predicts from a keyword, so the expected report is known exactly."""
    word = next((w for w in ("bad", "meh", "good") if w in doc.text), "meh")
    gold = {"bad": "negative", "meh": "neutral", "good": "positive"}[word]
    doc.cats = {label: float(label == gold) for label in LABELS}
    return doc


@pytest.fixture
def model_and_data(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("test_report_keyword_cats")
    nlp.to_disk(tmp_path / "model")
    docs = []
    examples = [("good day", "positive"), ("bad day", "negative"), ("good grief", "negative"), ("meh", "neutral")]
    for text, label in examples:
        doc = nlp.make_doc(text)
        doc.cats = {name: float(name == label) for name in LABELS}
        docs.append(doc)
    unlabelled = nlp.make_doc("no gold")
    unlabelled.cats = {name: 0.0 for name in LABELS}
    DocBin(docs=[*docs, unlabelled]).to_disk(tmp_path / "test.spacy")
    return tmp_path / "model", tmp_path / "test.spacy"


def test_build_report_scores_a_pipeline_and_cross_checks_spacy(tmp_path, model_and_data):
    model, data = model_and_data
    metrics = tmp_path / "metrics.json"
    metrics.write_text(json.dumps({"cats_macro_f": 0.123, "speed": 1000.0}))
    report = build_report(model, data, metrics_json=metrics)
    assert report.labels == LABELS
    assert report.confusion == [[1, 0, 1], [0, 1, 0], [0, 0, 1]]
    assert report.n_docs == 4 and report.docs_without_gold == 1
    assert report.spacy_metrics == {"cats_macro_f": 0.123, "speed": 1000.0}
    assert any("differs from spacy evaluate" in w for w in report.warnings)
    assert any("no positive gold label" in w for w in report.warnings)
    # one-hot predictions are 100% confident and right 3 times out of 4: all in the last bin, ECE 0.25
    assert report.ece == pytest.approx(0.25)
    assert len(report.calibration_bins) == 15 and report.calibration_bins[-1]["count"] == 4


def test_cli_evaluate_report_writes_all_outputs(tmp_path, model_and_data):
    model, data = model_and_data
    out = tmp_path / "metrics"
    result = CliRunner().invoke(
        app,
        ["evaluate-report", "--model", str(model), "--data", str(data), "--confusion-png", str(out / "cm.png"),
         "--table-md", str(out / "table.md"), "--output-json", str(out / "report.json")],
    )
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    assert report["accuracy"] == pytest.approx(0.75)
    assert "| positive | 0.500 | 1.000 | 0.667 | 1 |" in (out / "table.md").read_text()
    assert "| **ECE** (15 bins) | | | 0.250 | 4 |" in (out / "table.md").read_text()
    assert report["ece"] == pytest.approx(0.25) and len(report["calibration_bins"]) == 15
    assert (out / "cm.png").stat().st_size > 1000
