"""``--n-process`` on one machine: a pool of worker processes scores chunks of records (:mod:`.chunked`).

spaCy's own ``nlp.pipe(n_process=N)`` sends every Doc back to the parent (~0.3 ms each, more than
the model costs); here only records go out and scored records come back, and each worker loads the
pipeline once. Workers start with ``forkserver`` (``spawn`` for GPUs), so a parent that already ran
torch threads or CUDA cannot hang them.
"""
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Optional

from .chunked import score_records_chunked


def _init_worker(gpu_id: int, torch_threads: int) -> None:
    import spacy
    import torch

    torch.set_num_threads(torch_threads)
    if gpu_id >= 0:
        spacy.require_gpu(gpu_id)


@contextmanager
def process_pool(n_process: int, gpu_id: int = -1, torch_threads: int = 1) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``n_process`` scoring workers (``torch_threads`` each, on GPU ``gpu_id`` if >= 0);
    unfinished tasks are cancelled on exit."""
    context = multiprocessing.get_context("spawn" if gpu_id >= 0 else "forkserver")
    pool = ProcessPoolExecutor(
        max_workers=n_process, mp_context=context, initializer=_init_worker, initargs=(gpu_id, torch_threads)
    )
    try:
        yield pool
    finally:
        pool.shutdown(cancel_futures=True)


def score_records_multiprocess(
    model: str,
    records: Iterable[Any],
    *,
    n_process: int,
    gpu_id: int = -1,
    max_in_flight: Optional[int] = None,
    **options: Any,
) -> Iterator[dict]:
    """Like :func:`~.api.score_records`, on ``n_process`` local worker processes that each load
    ``model`` once; same order, same scores.

    max_in_flight: chunks submitted but not yet yielded (default: twice ``n_process``). ``options``
    are those of :func:`~.chunked.score_records_chunked` (``chunk_size``, ``text_field``, ...).
    """
    if max_in_flight is None:
        max_in_flight = 2 * n_process
    with process_pool(n_process, gpu_id) as pool:
        yield from score_records_chunked(model, records, submit=pool.submit, max_in_flight=max_in_flight, **options)
