"""Training speed: update steps of pipelines created from training configs, interleaved over rounds.

Each config becomes a fresh pipeline (`load_model_from_config`, `nlp.initialize` on the training
corpus) with the optimizer and dropout of its `[training]` section. After a few untimed warm-up
steps, each round gives every pipeline the same number of timed `nlp.update` steps of fixed-size
batches, in turn; docs/s and words/s are medians over the rounds.
"""
import gc
import random
import statistics
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Union

from spacy.language import Language
from spacy.schemas import ConfigSchemaTraining
from spacy.tokens import DocBin
from spacy.training import Example
from spacy.util import load_config, load_model_from_config, registry
from thinc.api import Optimizer, fix_random_seed, set_gpu_allocator

from .machine import gpu_in_use


def load_examples(nlp: Language, path: Union[str, Path]) -> List[Example]:
    """Training examples as spaCy's corpus reader makes them: predicted = `nlp.make_doc(text)`."""
    return [Example(nlp.make_doc(ref.text), ref) for ref in DocBin().from_disk(path).get_docs(nlp.vocab)]


def create_training_pipeline(config_path: Union[str, Path], train_corpus: Union[str, Path]) -> Dict[str, Any]:
    """An initialized pipeline from a training config, with its optimizer, dropout and examples.

    The config's corpus paths point at `train_corpus`, so that its readers (which resolving
    `[training]` creates) validate; the timed examples are `train_corpus`'s docs alone.
    """
    config = load_config(config_path)
    for name in ("train", "dev"):
        if name in config.get("paths", {}):
            config["paths"][name] = str(train_corpus)
    allocator = config["system"].get("gpu_allocator") if "system" in config else None
    if allocator and gpu_in_use():
        set_gpu_allocator(allocator)
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    training = registry.resolve(nlp.config.interpolate()["training"], schema=ConfigSchemaTraining)
    fix_random_seed(training["seed"] or 0)
    examples = load_examples(nlp, train_corpus)
    if not examples:
        raise ValueError(f"{train_corpus}: no training docs")
    optimizer: Optimizer = training["optimizer"]
    nlp.initialize(lambda: examples, sgd=optimizer)
    return {"nlp": nlp, "optimizer": optimizer, "dropout": float(training["dropout"]), "examples": examples}


def _batches(examples: Sequence[Example], batch_size: int, seed: int) -> Iterator[List[Example]]:
    """Endless fixed-size batches: shuffled epochs of the examples."""
    rng = random.Random(seed)
    order = list(range(len(examples)))
    position = len(order)
    while True:
        batch = []
        while len(batch) < batch_size:
            if position == len(order):
                rng.shuffle(order)
                position = 0
            batch.append(examples[order[position]])
            position += 1
        yield batch


def _run_steps(entry: Dict[str, Any], batches: Iterator[List[Example]], steps: int) -> Dict[str, float]:
    nlp: Language = entry["nlp"]
    docs = words = 0
    loss = 0.0
    gc.collect()
    start = time.perf_counter()
    for _ in range(steps):
        batch = next(batches)
        losses: Dict[str, float] = {}
        nlp.update(batch, sgd=entry["optimizer"], drop=entry["dropout"], losses=losses)
        docs += len(batch)
        words += sum(len(eg.predicted) for eg in batch)
        loss = sum(losses.values())
    seconds = max(time.perf_counter() - start, 1e-9)
    return {"steps": steps, "docs": docs, "words": words, "seconds": seconds, "last_loss": loss}


def benchmark_training(
    configs: Mapping[str, str],
    train_corpus: Union[str, Path],
    *,
    reference: Optional[str] = None,
    steps: int = 200,
    batch_size: int = 64,
    warmup_steps: int = 5,
    rounds: int = 4,
    seed: int = 0,
) -> Dict[str, Any]:
    """Training docs/s and words/s per config; `reference` names the config the ratios divide by.

    `steps` timed steps per config are split evenly over `rounds` (at least one step each).
    Returns a JSON-ready dict.
    """
    if reference is not None and reference not in configs:
        raise ValueError(f"reference {reference!r} is not one of the configs {sorted(configs)}")
    rounds = max(1, min(rounds, steps))
    steps_per_round = max(1, steps // rounds)
    entries = {name: create_training_pipeline(path, train_corpus) for name, path in configs.items()}
    batches = {name: _batches(entry["examples"], batch_size, seed) for name, entry in entries.items()}
    for name, entry in entries.items():
        _run_steps(entry, batches[name], warmup_steps)
    per_round: Dict[str, List[Dict[str, float]]] = {name: [] for name in entries}
    for _ in range(rounds):
        for name, entry in entries.items():
            per_round[name].append(_run_steps(entry, batches[name], steps_per_round))

    results: Dict[str, Dict[str, Any]] = {}
    for name, runs in per_round.items():
        results[name] = {
            "config": str(configs[name]),
            "components": list(entries[name]["nlp"].pipe_names),
            "train_docs": len(entries[name]["examples"]),
            "docs_per_s": float(statistics.median(r["docs"] / r["seconds"] for r in runs)),
            "words_per_s": float(statistics.median(r["words"] / r["seconds"] for r in runs)),
            "last_loss": runs[-1]["last_loss"],
            "rounds": runs,
        }
    for result in results.values():
        if reference is None:
            result["ratio_to_reference"] = None
            continue
        ratios = [
            (run["docs"] / run["seconds"]) / (ref["docs"] / ref["seconds"])
            for run, ref in zip(result["rounds"], results[reference]["rounds"])
        ]
        result["ratio_to_reference"] = float(statistics.median(ratios))
    return {
        "train_corpus": str(train_corpus),
        "steps_per_config": steps_per_round * rounds,
        "batch_size": batch_size,
        "warmup_steps": warmup_steps,
        "rounds": rounds,
        "reference": reference,
        "configs": results,
    }
