"""Chunked scoring over any executor: here a thread pool, so no worker processes are needed."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from spacy_lstm_sentiment.pipeline.loading import load_pipeline
from spacy_lstm_sentiment.scoring.api import score_records
from spacy_lstm_sentiment.scoring.chunked import score_records_chunked
from spacy_lstm_sentiment.scoring.summary import ScoreSummary

from conftest import assert_same_scored_records


def make_records(n):
    return [{"id": i, "text": None if i % 11 == 3 else f"post {i}: {'great' if i % 2 else 'awful'}"} for i in range(n)]


def test_chunks_come_back_in_order_with_the_one_process_scores(trained_pipeline_dir):
    records = make_records(230)
    summary, expected_summary = ScoreSummary(), ScoreSummary()
    with ThreadPoolExecutor(max_workers=3) as pool:
        got = list(
            score_records_chunked(
                str(trained_pipeline_dir), records, submit=pool.submit, max_in_flight=4, chunk_size=17,
                summary=summary, offset=100, id_field="id",
            )
        )
    nlp = load_pipeline(trained_pipeline_dir)
    expected = list(score_records(nlp, records, summary=expected_summary, offset=100, id_field="id"))
    assert_same_scored_records(got, expected)
    assert (summary.scored, summary.errored) == (expected_summary.scored, expected_summary.errored)
    assert summary.first_errors == expected_summary.first_errors  # chunk offsets name records like one run


def test_tasks_in_flight_are_bounded_and_a_wrong_option_fails_before_any_task(trained_pipeline_dir):
    submitted, consumed = [], []

    def records():
        for record in make_records(300):
            consumed.append(record["id"])
            yield record

    with ThreadPoolExecutor(max_workers=2) as pool:

        def submit(function, *args):
            submitted.append(len(args[1]))
            return pool.submit(function, *args)

        stream = score_records_chunked(
            str(trained_pipeline_dir), records(), submit=submit, max_in_flight=3, chunk_size=20
        )
        for produced, _record in enumerate(stream, start=1):
            assert len(consumed) - produced <= 3 * 20
        assert produced == 300 and sum(submitted) == 300
        with pytest.raises(TypeError, match="text_feild"):
            next(score_records_chunked(str(trained_pipeline_dir), [{"text": "x"}], submit=submit,
                                       max_in_flight=1, text_feild="body"))
    assert sum(submitted) == 300
