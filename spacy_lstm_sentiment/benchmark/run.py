"""One benchmark run in one process: GPU selection, inference, optional training, machine facts."""
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Union

import spacy

from .inference import benchmark_inference, load_test_set
from .machine import load_average, machine_facts, peak_rss_mb, utc_now
from .training_speed import benchmark_training


def run_benchmark(
    test_path: Union[str, Path],
    pipelines: Mapping[str, str],
    *,
    min_docs: int = 10_000,
    batch_size: int = 256,
    rounds: int = 5,
    lang: str = "en",
    gpu_id: int = -1,
    train_corpus: Optional[Union[str, Path]] = None,
    train_configs: Optional[Mapping[str, str]] = None,
    train_reference: Optional[str] = None,
    train_steps: int = 200,
    train_batch_size: int = 64,
    train_rounds: int = 4,
    command: str = "",
    output: str = "",
) -> Dict[str, Any]:
    """All benchmark figures as a JSON-ready dict.

    `pipelines` and `train_configs` map names to paths; `train_reference` is one of the
    `train_configs` names. Training is measured only when `train_corpus` and `train_configs` are given.
    """
    if gpu_id >= 0:
        spacy.require_gpu(gpu_id)  # before any pipeline is loaded, so models land on the GPU
    if bool(train_corpus) != bool(train_configs):
        raise ValueError("training speed needs both a training corpus and at least one training config")
    results: Dict[str, Any] = {
        "date": utc_now(),
        "command": command,
        "output": output,
        "load_average_1m_start": load_average(),
        "settings": {
            "test": str(test_path),
            "pipelines": dict(pipelines),
            "min_docs": min_docs,
            "batch_size": batch_size,
            "rounds": rounds,
            "lang": lang,
            "gpu_id": gpu_id,
            "train_corpus": None if train_corpus is None else str(train_corpus),
            "train_configs": dict(train_configs or {}),
            "train_reference": train_reference,
            "train_steps": train_steps,
            "train_batch_size": train_batch_size,
            "train_rounds": train_rounds,
        },
    }
    test = load_test_set(test_path, lang=lang)
    results["inference"] = benchmark_inference(
        pipelines, test, min_docs=min_docs, batch_size=batch_size, rounds=rounds, lang=lang
    )
    results["machine"] = machine_facts(gpu_id)
    results["peak_rss_mb_inference"] = peak_rss_mb()
    results["training"] = None
    if train_corpus and train_configs:
        results["training"] = benchmark_training(
            train_configs,
            train_corpus,
            reference=train_reference,
            steps=train_steps,
            batch_size=train_batch_size,
            rounds=train_rounds,
        )
    results["load_average_1m_end"] = load_average()
    results["peak_rss_mb"] = peak_rss_mb()
    return results
