"""Batch-scoring throughput: score_records locally (1 and N processes) and on a Dask LocalCluster,
beside a plain `nlp.pipe` over the same texts (what record handling and ftfy add).

Each variant is timed right after a pass of `spacy.blank(lang)` over the same texts, so its ratio to
the tokenizer ceiling is taken under the same machine conditions; medians over interleaved rounds.
Dask's cluster start and the per-worker model load are done before the clock starts: the figure is
steady-state throughput.
"""
import gc
import statistics
import time
from functools import partial
from typing import Any, Callable, Dict, Iterator, List, Sequence, Tuple

import spacy

from ..pipeline.loading import components_to_disable, load_pipeline
from ..scoring.api import DEFAULT_BATCH_SIZE, score_records
from ..scoring.chunked import score_records_chunked
from ..scoring.dask_backend import dask_client, score_records_dask
from ..scoring.process_pool import process_pool
from ..text.normalize import pipeline_normalization
from .inference import repeat_texts, timed_pass

SECTION = "scoring"
HEADERS = ["backend", "records/s", "blank docs/s (same run)", "ratio to blank"]


def _records(texts: Sequence[str]) -> List[Dict[str, Any]]:
    return [{"id": i, "text": text} for i, text in enumerate(texts)]


def _timed(run: Callable[[], int], n_expected: int) -> float:
    gc.collect()
    start = time.perf_counter()
    n_scored = run()
    seconds = max(time.perf_counter() - start, 1e-9)
    if n_scored != n_expected:
        raise RuntimeError(f"expected {n_expected} scored records, got {n_scored}")
    return n_expected / seconds


def benchmark_scoring(
    model: str,
    texts: Sequence[str],
    *,
    min_records: int = 20000,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 2,
    dask_workers: int = 2,
    rounds: int = 3,
    lang: str = "en",
) -> Dict[str, Any]:
    """Records/s of each backend over the texts repeated to `min_records`, with ratios to blank:
    medians over `rounds` rounds, each backend timed right after a blank pass."""
    distinct_texts = list(texts)
    texts = repeat_texts(texts, min_records)
    records = _records(texts)
    blank = spacy.blank(lang)
    nlp = load_pipeline(model)
    disable = components_to_disable(nlp)
    timed_pass(blank, distinct_texts, batch_size)  # warm-ups (tokenizer cache, model), untimed
    sum(1 for _ in score_records(nlp, records[:2000], batch_size=batch_size))

    def chunked(score: Callable[..., Iterator[dict]], workers: int) -> Callable[[], int]:
        """Load the model on every worker first, so the timed run measures steady-state scoring."""
        warm_up = _records(texts[: workers * 64])
        list(score(model, warm_up, chunk_size=64, batch_size=batch_size))
        return lambda: sum(1 for _ in score(model, records, batch_size=batch_size))

    runs: Dict[str, List[Tuple[float, float]]] = {}

    def measure(backends: Dict[str, Callable[[], int]]) -> None:
        for _ in range(rounds):
            for name, run in backends.items():
                blank_rate = timed_pass(blank, texts, batch_size).docs_per_s
                runs.setdefault(name, []).append((_timed(run, len(records)), blank_rate))

    # One phase per backend, so no idle pool or Dask client thread competes with another's timing.
    measure(
        {
            "plain nlp.pipe, no record handling (reference)": lambda: sum(
                1 for _ in nlp.pipe(texts, batch_size=batch_size, disable=disable)
            ),
            "local, 1 process": lambda: sum(1 for _ in score_records(nlp, records, batch_size=batch_size)),
        }
    )
    with process_pool(n_process) as pool:
        on_pool = partial(score_records_chunked, submit=pool.submit, max_in_flight=2 * n_process)
        measure({f"local, --n-process {n_process}": chunked(on_pool, n_process)})
    with dask_client(n_workers=dask_workers) as cluster:
        on_cluster = partial(score_records_dask, client=cluster)
        measure({f"dask LocalCluster, {dask_workers} workers": chunked(on_cluster, dask_workers)})
    results = {
        name: {
            "records_per_s": statistics.median(rate for rate, _ in pairs),
            "blank_docs_per_s": statistics.median(blank_rate for _, blank_rate in pairs),
            "ratio_to_blank": statistics.median(rate / blank_rate for rate, blank_rate in pairs),
        }
        for name, pairs in runs.items()
    }
    return {
        "model": model,
        "records": len(records),
        "batch_size": batch_size,
        "rounds": rounds,
        "text_normalization": pipeline_normalization(nlp),
        "backends": results,
    }


def scoring_rows(results: Dict[str, Any]) -> List[List[str]]:
    return [
        [name, f"{row['records_per_s']:,.0f}", f"{row['blank_docs_per_s']:,.0f}", f"{row['ratio_to_blank']:.3f}"]
        for name, row in results["backends"].items()
    ]
