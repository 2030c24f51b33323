"""The batch-scoring benchmark measures every backend against the tokenizer (no timed assertions)."""
import json

import pytest
from typer.testing import CliRunner

from spacy_lstm_sentiment.benchmark.batch_scoring import benchmark_scoring
from spacy_lstm_sentiment.cli.main import app

from conftest import make_texts

pytestmark = pytest.mark.slow


def test_every_backend_is_measured_with_consistent_ratios(trained_pipeline_dir):
    texts = [text for text, _ in make_texts(40)]
    results = benchmark_scoring(
        str(trained_pipeline_dir), texts, min_records=200, n_process=2, dask_workers=1, rounds=1
    )
    assert results["records"] == 200
    assert set(results["backends"]) == {
        "plain nlp.pipe, no record handling (reference)",
        "local, 1 process",
        "local, --n-process 2",
        "dask LocalCluster, 1 workers",
    }
    for row in results["backends"].values():
        assert row["records_per_s"] > 0 and row["blank_docs_per_s"] > 0
        assert row["ratio_to_blank"] == pytest.approx(row["records_per_s"] / row["blank_docs_per_s"])


def test_cli_writes_json_and_only_its_report_section(trained_pipeline_dir, tmp_path):
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    docbin = DocBin()
    for text, label in make_texts(30):
        doc = nlp.make_doc(text)
        doc.cats = {label: 1.0}
        docbin.add(doc)
    docbin.to_disk(tmp_path / "test.spacy")
    report = tmp_path / "bench.md"
    report.write_text("# Mine\n\nkeep me\n", encoding="utf8")
    result = CliRunner().invoke(
        app,
        ["benchmark-scoring", str(trained_pipeline_dir), "--test", str(tmp_path / "test.spacy"), "--records", "60",
         "--dask-workers", "1", "--rounds", "1", "--output", str(tmp_path / "s.json"), "--report", str(report)],
    )
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "s.json").read_text())["records"] == 60
    text = report.read_text(encoding="utf8")
    assert text.startswith("# Mine\n\nkeep me\n") and "<!-- scoring:start -->" in text and "local, 1 process" in text
