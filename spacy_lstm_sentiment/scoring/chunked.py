"""Chunked scoring over any executor: ordered results, a bounded number of chunks in flight.

Records are cut into chunks of ``chunk_size``; each chunk is one task, :func:`score_chunk`, handed
to ``submit`` (``ProcessPoolExecutor.submit``, or a Dask client's). At most ``max_in_flight`` tasks
are submitted but not yet yielded, so memory stays bounded however long the input, and results are
yielded in input order: the same records, in the same order, with the same scores as
:func:`~.api.score_records` in one process. Each worker process loads the pipeline once, on its
first chunk, and keeps it in a module-level cache keyed by the model path (:func:`worker_pipeline`),
loading it again after every :data:`~.recycling.RECYCLE_AFTER` records it scored (see :mod:`.recycling`).
"""
import gc
import inspect
import threading
import time
from collections import deque
from typing import Any, Callable, Deque, Dict, Iterable, Iterator, List, Optional, Tuple

from spacy.language import Language
from spacy.util import minibatch

from ..pipeline.loading import load_pipeline, resolve_model
from . import recycling
from .api import score_records
from .summary import ScoreSummary

DEFAULT_CHUNK_SIZE = 1000
"""Records per task (and, in the ``score`` command, per write)."""

Submit = Callable[..., Any]
"""``submit(function, *args)``, returning a future with ``result()`` and ``cancel()``."""

_SCORE_RECORDS_SIGNATURE = inspect.signature(score_records)
_PIPELINES: Dict[str, Language] = {}
_SCORED: Dict[str, int] = {}
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
    """How many pipelines this process has loaded (on Dask workers: ``client.run(load_count)``)."""
    return _LOADS


def score_chunk(
    model: str, records: List[Any], offset: int, options: Dict[str, Any]
) -> Tuple[List[dict], ScoreSummary]:
    """Worker task: score one chunk with the cached pipeline; returns the records and counts."""
    summary = ScoreSummary()
    scored = list(score_records(worker_pipeline(model), records, summary=summary, offset=offset, **options))
    with _LOCK:
        _SCORED[model] = _SCORED.get(model, 0) + len(records)
        recycle = _SCORED[model] >= recycling.RECYCLE_AFTER
        if recycle:  # the next chunk gets a freshly loaded pipeline
            _PIPELINES.pop(model, None)
            _SCORED[model] = 0
    if recycle:
        gc.collect()  # free the old pipeline (it holds reference cycles) before the next one is loaded
    return scored, summary


def score_records_chunked(
    model: str,
    records: Iterable[Any],
    *,
    submit: Submit,
    max_in_flight: int,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    summary: Optional[ScoreSummary] = None,
    offset: int = 0,
    **options: Any,
) -> Iterator[dict]:
    """Like :func:`~.api.score_records`, with every chunk of records scored by a ``submit``-ted task.

    model: a pipeline directory (made absolute here) or installed package name, loaded by each
    worker once. max_in_flight: tasks submitted but not yet yielded; it bounds this process's memory
    to about ``max_in_flight * chunk_size`` records. ``options`` are keyword arguments of
    :func:`~.api.score_records` (``text_field``, ``id_field``, ``batch_size``, ...), checked here.
    Unfinished tasks are cancelled when the iterator is closed early.
    """
    _SCORE_RECORDS_SIGNATURE.bind(None, (), **options)  # a wrong option fails here, not in a worker
    if summary is None:
        summary = ScoreSummary()
    model = resolve_model(model)
    in_flight: Deque[Any] = deque()
    start = time.perf_counter()

    def collect() -> List[dict]:
        scored, counts = in_flight.popleft().result()
        summary.merge(counts)
        return scored

    try:
        position = offset
        for chunk in minibatch(records, size=chunk_size):
            in_flight.append(submit(score_chunk, model, chunk, position, options))
            position += len(chunk)
            while len(in_flight) >= max_in_flight:
                yield from collect()
        while in_flight:
            yield from collect()
    finally:
        for future in in_flight:
            future.cancel()
        summary.seconds += time.perf_counter() - start
