"""Dask backend on a real LocalCluster: identical results to local scoring, one model load per worker."""
import pytest

from spacy_lstm_sentiment.pipeline.loading import load_pipeline
from spacy_lstm_sentiment.scoring.api import score_records
from spacy_lstm_sentiment.scoring.chunked import load_count
from spacy_lstm_sentiment.scoring.dask_backend import score_records_dask
from spacy_lstm_sentiment.scoring.summary import ScoreSummary

from conftest import assert_cli_backend_matches_local, assert_same_scored_records

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=40
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def make_records(n):
    records = [{"id": i, "text": f"post {i} is {'great fun' if i % 2 else 'a sad mess'}"} for i in range(n)]
    records[7] = {"id": 7, "text": None}
    records[8] = {"id": 8, "text": ""}
    return records


def test_dask_results_are_identical_to_local_and_in_order(client, trained_pipeline_dir):
    records = make_records(1000)
    local_summary, dask_summary = ScoreSummary(), ScoreSummary()
    local = list(score_records(load_pipeline(trained_pipeline_dir), records, summary=local_summary))
    remote = list(
        score_records_dask(str(trained_pipeline_dir), records, client=client, chunk_size=50, summary=dask_summary)
    )
    assert_same_scored_records(remote, local)
    assert (dask_summary.scored, dask_summary.empty, dask_summary.errored) == (999, 1, 1)
    assert dask_summary.first_errors == {"record #8": "text field 'text' is null, expected a string"}
    # 20 chunks went to 2 workers, and each worker loaded the model exactly once
    assert sorted(client.run(load_count).values()) == [1, 1]


def test_memory_is_bounded_by_the_tasks_in_flight(client, trained_pipeline_dir):
    consumed = []

    def records():
        for record in make_records(2000):
            consumed.append(record["id"])
            yield record

    chunk_size, max_in_flight = 40, 3
    stream = score_records_dask(
        str(trained_pipeline_dir), records(), client=client, chunk_size=chunk_size, max_in_flight=max_in_flight
    )
    for produced, _record in enumerate(stream, start=1):
        assert len(consumed) - produced <= max_in_flight * chunk_size
    assert produced == 2000


def test_cli_dask_backend_on_an_existing_scheduler_matches_local(client, trained_pipeline_dir, tmp_path):
    dask_args = ["--backend", "dask", "--scheduler", client.scheduler.address, "--chunk-size", "64"]
    assert_cli_backend_matches_local(trained_pipeline_dir, tmp_path, make_records(300), dask_args, exit_code=5)
