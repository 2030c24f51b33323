"""`--n-process` on one machine: worker processes score chunks of records, as Dask workers do.

spaCy's own `nlp.pipe(n_process=N)` sends every Doc back to the parent (~0.3 ms each, more than the
model costs); here only records go out and scored records come back, and each worker loads the
pipeline once. Workers start with `forkserver` (`spawn` for GPUs), so a parent that already ran torch
threads or CUDA cannot hang them.
"""
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, Callable, Dict, Iterable, Iterator

from .dask_backend import score_records_dask


def _init_worker(gpu_id: int, torch_threads: int) -> None:
    import spacy
    import torch

    torch.set_num_threads(torch_threads)
    if gpu_id >= 0:
        spacy.require_gpu(gpu_id)


class ProcessPoolClient:
    """The part of a Dask `Client` that chunked scoring uses, over a local process pool."""

    def __init__(self, n_process: int, gpu_id: int = -1, torch_threads: int = 1):
        context = multiprocessing.get_context("spawn" if gpu_id >= 0 else "forkserver")
        self.n_process = n_process
        self._executor = ProcessPoolExecutor(
            max_workers=n_process, mp_context=context, initializer=_init_worker, initargs=(gpu_id, torch_threads)
        )

    def submit(self, function: Callable, *args: Any, pure: bool = True) -> Future:
        return self._executor.submit(function, *args)

    def nthreads(self) -> Dict[int, int]:
        return {worker: 1 for worker in range(self.n_process)}

    def close(self) -> None:
        self._executor.shutdown(cancel_futures=True)


@contextmanager
def process_pool_client(n_process: int, gpu_id: int = -1, torch_threads: int = 1) -> Iterator[ProcessPoolClient]:
    client = ProcessPoolClient(n_process, gpu_id, torch_threads)
    try:
        yield client
    finally:
        client.close()


def score_records_multiprocess(
    model: str, records: Iterable[Any], *, n_process: int, gpu_id: int = -1, **options: Any
) -> Iterator[dict]:
    """Like `score_records`, on `n_process` local worker processes that each load `model` once;
    same order, same scores. `options` are those of `score_records_dask`."""
    with process_pool_client(n_process, gpu_id) as client:
        yield from score_records_dask(model, records, client=client, **options)
