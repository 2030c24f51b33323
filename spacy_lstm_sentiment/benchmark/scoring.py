"""Batch-scoring throughput: score_records locally (1 and N processes) and on a Dask LocalCluster,
beside a plain `nlp.pipe` over the same texts (what record handling and ftfy add).

Each variant is timed right after a pass of `spacy.blank(lang)` over the same texts, so its ratio to
the tokenizer ceiling is taken under the same machine conditions. Dask's cluster start and the
per-worker model load are done before the clock starts: the figure is steady-state throughput.
"""
import gc
import time
from typing import Any, Callable, Dict, List, Sequence

import spacy

from ..scoring.api import score_records
from ..scoring.dask_backend import dask_client, score_records_dask
from ..scoring.model import components_to_disable, load_pipeline
from ..scoring.process_pool import process_pool_client
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
    batch_size: int = 256,
    n_process: int = 2,
    dask_workers: int = 2,
    lang: str = "en",
) -> Dict[str, Any]:
    """Records/s of each backend over the texts repeated to `min_records`, with ratios to blank."""
    texts = repeat_texts(texts, min_records)
    records = _records(texts)
    blank = spacy.blank(lang)
    nlp = load_pipeline(model)

    results: Dict[str, Dict[str, float]] = {}

    def measure(name: str, run: Callable[[], int]) -> None:
        blank_rate = timed_pass(blank, texts, batch_size).docs_per_s
        rate = _timed(run, len(records))
        results[name] = {"records_per_s": rate, "blank_docs_per_s": blank_rate, "ratio_to_blank": rate / blank_rate}

    def chunked(client: Any) -> Callable[[], int]:
        """Load the model on every worker first, so the timed run measures steady-state scoring."""
        warm_up = _records(texts[: len(client.nthreads()) * 64])
        list(score_records_dask(model, warm_up, client=client, chunk_size=64, batch_size=batch_size))
        return lambda: sum(1 for _ in score_records_dask(model, records, client=client, batch_size=batch_size))

    sum(1 for _ in score_records(nlp, records[:2000], batch_size=batch_size))  # warm-up
    disable = components_to_disable(nlp)
    measure(
        "plain nlp.pipe, no record handling (reference)",
        lambda: sum(1 for _ in nlp.pipe(texts, batch_size=batch_size, disable=disable)),
    )
    measure("local, 1 process", lambda: sum(1 for _ in score_records(nlp, records, batch_size=batch_size)))
    with process_pool_client(n_process) as client:
        measure(f"local, --n-process {n_process}", chunked(client))
    with dask_client(n_workers=dask_workers) as client:
        measure(f"dask LocalCluster, {dask_workers} workers", chunked(client))
    return {"model": model, "records": len(records), "batch_size": batch_size, "backends": results}


def scoring_rows(results: Dict[str, Any]) -> List[List[str]]:
    return [
        [name, f"{row['records_per_s']:,.0f}", f"{row['blank_docs_per_s']:,.0f}", f"{row['ratio_to_blank']:.3f}"]
        for name, row in results["backends"].items()
    ]
