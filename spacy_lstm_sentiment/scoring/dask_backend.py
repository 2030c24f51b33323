"""Scoring on a Dask cluster (``--backend dask``): same records, same order, same scores as local.

Records are cut into chunks and submitted as futures, at most ``max_in_flight`` at a time, so
memory stays bounded however long the input; results are yielded in input order. Each worker
process loads the pipeline once, on its first chunk, and keeps it in a module-level cache keyed
by the model path (:func:`worker_pipeline`); later chunks reuse it.

Local cluster (default): a ``distributed.LocalCluster`` with ``n_workers`` processes of one thread
each. Multi-machine cluster::

    # on the scheduler machine
    dask-scheduler                                   # listens on tcp://HOST:8786
    # on every worker machine (same Python environment, this package installed)
    dask-worker tcp://HOST:8786 --nworkers 4 --nthreads 1
    # anywhere that can reach the scheduler
    spacy-lstm-sentiment score MODEL in.parquet out.parquet --backend dask --scheduler tcp://HOST:8786

The model is loaded by the workers, not sent to them: MODEL must be a path that every worker can
read (a shared filesystem, or the same path copied to each machine) or the name of a pipeline
package installed on every worker. Input and output stay on the client machine; only chunks of
records travel. Use one thread per worker process (``--nthreads 1``) and as many processes as
cores; torch in a worker then uses one thread too (Dask's nanny sets ``OMP_NUM_THREADS=1``).
"""
import logging
import threading
import time
from collections import deque
from contextlib import contextmanager
from typing import Any, Deque, Dict, Iterable, Iterator, List, Optional, Tuple

from spacy.language import Language
from spacy.util import minibatch

from .api import DEFAULT_BATCH_SIZE, score_records
from .model import load_pipeline, resolve_model
from .summary import ScoreSummary

DEFAULT_CHUNK_SIZE = 1000

_PIPELINES: Dict[str, Language] = {}
_LOCK = threading.Lock()
_LOADS = 0


def worker_pipeline(model: str) -> Language:
    """The pipeline for ``model`` in this process, loaded on first use and then cached."""
    global _LOADS
    with _LOCK:
        nlp = _PIPELINES.get(model)
        if nlp is None:
            nlp = _PIPELINES[model] = load_pipeline(model)
            _LOADS += 1
        return nlp


def load_count() -> int:
    """How many pipelines this process has loaded (run it on workers with ``client.run``)."""
    return _LOADS


def score_chunk(
    model: str, records: List[Any], offset: int, options: Dict[str, Any]
) -> Tuple[List[dict], ScoreSummary]:
    """Worker task: score one chunk with the cached pipeline; returns the records and counts."""
    summary = ScoreSummary()
    scored = list(
        score_records(worker_pipeline(model), records, summary=summary, offset=offset, **options)
    )
    return scored, summary


def score_records_dask(
    model: str,
    records: Iterable[Any],
    *,
    client: Any,
    text_field: str = "text",
    id_field: Optional[str] = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    fix_encoding: Optional[bool] = None,
    placeholders: Optional[bool] = None,
    max_chars: Optional[int] = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    max_in_flight: Optional[int] = None,
    summary: Optional[ScoreSummary] = None,
    offset: int = 0,
) -> Iterator[dict]:
    """Like :func:`~.api.score_records`, but scored by the workers of ``client``.

    model: a pipeline directory (made absolute here) or installed package name, loaded by each
    worker once. chunk_size: records per task. max_in_flight: tasks submitted but not yet
    yielded (default: twice the cluster's worker threads); it bounds the client's memory.
    """
    if summary is None:
        summary = ScoreSummary()
    model = resolve_model(model)
    if max_in_flight is None:
        max_in_flight = max(2, 2 * sum(client.nthreads().values()))
    options = dict(
        text_field=text_field,
        id_field=id_field,
        batch_size=batch_size,
        fix_encoding=fix_encoding,
        placeholders=placeholders,
        max_chars=max_chars,
    )
    in_flight: Deque[Any] = deque()
    start = time.perf_counter()

    def collect() -> List[dict]:
        scored, counts = in_flight.popleft().result()
        summary.merge(counts)
        return scored

    try:
        position = offset
        for chunk in minibatch(records, size=chunk_size):
            in_flight.append(client.submit(score_chunk, model, chunk, position, options, pure=False))
            position += len(chunk)
            while len(in_flight) >= max_in_flight:
                yield from collect()
        while in_flight:
            yield from collect()
    finally:
        for future in in_flight:
            future.cancel()
        summary.seconds += time.perf_counter() - start


@contextmanager
def dask_client(scheduler: Optional[str] = None, n_workers: Optional[int] = None) -> Iterator[Any]:
    """A ``distributed.Client`` for ``scheduler``, or for a new LocalCluster of ``n_workers``
    single-threaded processes that is shut down on exit."""
    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=n_workers,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()
