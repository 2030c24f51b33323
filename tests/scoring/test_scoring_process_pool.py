"""`score --n-process N`: worker processes score chunks; output identical to one process."""
from spacy_lstm_sentiment.pipeline.loading import load_pipeline
from spacy_lstm_sentiment.scoring.api import score_records
from spacy_lstm_sentiment.scoring.process_pool import score_records_multiprocess
from spacy_lstm_sentiment.scoring.summary import ScoreSummary

from conftest import assert_cli_backend_matches_local, assert_same_scored_records


def _records(n):
    texts = ["I love this", "terrible service", "", None, "😀", "the bus is at five", 7]
    return [{"id": i, "text": texts[i % len(texts)]} for i in range(n)]


def test_cli_n_process_output_equals_one_process(trained_pipeline_dir, tmp_path):
    pool_args = ["--n-process", "2", "--chunk-size", "40"]
    assert_cli_backend_matches_local(trained_pipeline_dir, tmp_path, _records(250), pool_args, exit_code=5)


def test_multiprocess_api_gives_the_one_process_records_in_order(trained_pipeline_dir):
    summary, one_process_summary = ScoreSummary(), ScoreSummary()
    records = _records(120)
    scored = list(
        score_records_multiprocess(
            str(trained_pipeline_dir), records, n_process=2, chunk_size=25, batch_size=16, summary=summary
        )
    )
    nlp = load_pipeline(trained_pipeline_dir)
    one_process = list(score_records(nlp, records, batch_size=16, summary=one_process_summary))
    assert [r["id"] for r in scored] == list(range(120))
    assert_same_scored_records(scored, one_process)
    assert summary.errored == sum(1 for r in records if not isinstance(r["text"], str)) > 0
    assert (summary.scored, summary.empty, summary.errored, summary.first_errors) == (
        one_process_summary.scored,
        one_process_summary.empty,
        one_process_summary.errored,
        one_process_summary.first_errors,
    )
