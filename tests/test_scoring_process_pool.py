"""`score --n-process N`: worker processes score chunks; output identical to one process."""
from spacy_lstm_sentiment.scoring.process_pool import score_records_multiprocess
from spacy_lstm_sentiment.scoring.summary import ScoreSummary

from conftest import assert_cli_backend_matches_local


def _records(n):
    texts = ["I love this", "terrible service", "", None, "😀", "the bus is at five", 7]
    return [{"id": i, "text": texts[i % len(texts)]} for i in range(n)]


def test_cli_n_process_output_equals_one_process(trained_pipeline_dir, tmp_path):
    pool_args = ["--n-process", "2", "--chunk-size", "40"]
    assert_cli_backend_matches_local(trained_pipeline_dir, tmp_path, _records(250), pool_args, exit_code=5)


def test_multiprocess_api_keeps_order_and_counts(trained_pipeline_dir):
    summary = ScoreSummary()
    records = _records(120)
    scored = list(
        score_records_multiprocess(str(trained_pipeline_dir), records, n_process=2, chunk_size=25, summary=summary)
    )
    assert [r["id"] for r in scored] == list(range(120))
    assert summary.errored == sum(1 for r in records if not isinstance(r["text"], str))
    assert all(abs(sum(r["scores"].values()) - 1) < 1e-5 for r in scored if r["error"] is None)
