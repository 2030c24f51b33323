"""`score --n-process N`: worker processes score chunks; output identical to one process."""
import json

from conftest import assert_same_scored_records
from typer.testing import CliRunner

from spacy_lstm_sentiment.cli.main import app
from spacy_lstm_sentiment.scoring.process_pool import score_records_multiprocess
from spacy_lstm_sentiment.scoring.summary import ScoreSummary


def _read(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _records(n):
    texts = ["I love this", "terrible service", "", None, "😀", "the bus is at five", 7]
    return [{"id": i, "text": texts[i % len(texts)]} for i in range(n)]


def test_cli_n_process_output_equals_one_process(trained_pipeline_dir, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _records(250)), encoding="utf-8")
    single, multi = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    runner = CliRunner()
    assert runner.invoke(app, ["score", str(trained_pipeline_dir), str(src), str(single), "-q"]).exit_code == 5
    result = runner.invoke(
        app, ["score", str(trained_pipeline_dir), str(src), str(multi), "-q", "--n-process", "2", "--chunk-size", "40"]
    )
    assert result.exit_code == 5, result.output
    assert len(_read(single)) == 250
    assert_same_scored_records(_read(multi), _read(single))


def test_multiprocess_api_keeps_order_and_counts(trained_pipeline_dir):
    summary = ScoreSummary()
    records = _records(120)
    scored = list(
        score_records_multiprocess(str(trained_pipeline_dir), records, n_process=2, chunk_size=25, summary=summary)
    )
    assert [r["id"] for r in scored] == list(range(120))
    assert summary.errored == sum(1 for r in records if not isinstance(r["text"], str))
    assert all(abs(sum(r["scores"].values()) - 1) < 1e-5 for r in scored if r["error"] is None)
