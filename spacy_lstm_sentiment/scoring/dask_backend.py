"""Scoring on a Dask cluster (``--backend dask``): same records, same order, same scores as local.

Chunks of records are Dask tasks (:mod:`.chunked`): a bounded number in flight, results in input
order, each worker process loading the pipeline once.

Local cluster (default): a ``distributed.LocalCluster`` with ``n_workers`` processes of one thread
each. Multi-machine cluster::

    # on the scheduler machine
    dask scheduler                                   # listens on tcp://HOST:8786
    # on every worker machine (same Python environment, this package installed)
    dask worker tcp://HOST:8786 --nworkers 4 --nthreads 1
    # anywhere that can reach the scheduler
    spacy-lstm-sentiment score MODEL in.parquet out.parquet --backend dask --scheduler tcp://HOST:8786

The model is loaded by the workers, not sent to them: MODEL must be a path that every worker can
read (a shared filesystem, or the same path copied to each machine) or the name of a pipeline
package installed on every worker. Input and output stay on the client machine; only chunks of
records travel. Use one thread per worker process (``--nthreads 1``) and as many processes as
cores; torch in a worker then uses one thread too (Dask's nanny sets ``OMP_NUM_THREADS=1``).
"""
import logging
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Optional

from .chunked import score_records_chunked


def score_records_dask(
    model: str, records: Iterable[Any], *, client: Any, max_in_flight: Optional[int] = None, **options: Any
) -> Iterator[dict]:
    """Like :func:`~.api.score_records`, but scored by the workers of the Dask ``client``.

    max_in_flight: tasks submitted but not yet yielded (default: twice the cluster's worker
    threads). ``options`` are those of :func:`~.chunked.score_records_chunked` (``chunk_size``,
    ``text_field``, ``summary``, ...).
    """
    if max_in_flight is None:
        max_in_flight = max(2, 2 * sum(client.nthreads().values()))

    def submit(function: Any, *args: Any) -> Any:
        return client.submit(function, *args, pure=False)

    return score_records_chunked(model, records, submit=submit, max_in_flight=max_in_flight, **options)


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
