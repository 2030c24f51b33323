"""Inference speed and accuracy: texts through `nlp.pipe`, pipelines interleaved over rounds.

Every pipeline first makes one un-repeated pass over the test split (the warm-up, which also
gives its macro-F1), then the pipelines take turns in each round (blank → first → second → ...)
over the repeated texts, so that drift in machine load affects them all alike. Each round's
docs/s is divided by the blank tokenizer's docs/s of the same round; medians are reported.
"""
import gc
import math
import statistics
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, TypeVar, Union

import spacy
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, DocBin
from spacy.training import Example

from ..labels import top_label
from ..pipeline.loading import load_pipeline
from .machine import current_rss_mb, gpu_peak_mb, reset_gpu_peak

BLANK = "blank"
T = TypeVar("T")


@dataclass
class TestSet:
    """The test split's texts with their gold docs (cats one-hot at the argmax of the stored cats)."""

    texts: List[str]
    gold: List[Doc]
    labels: List[str]


@dataclass
class PassResult:
    """One full pass of texts through a pipeline."""

    docs: int
    words: int
    scored: int  # docs that came out with cats
    seconds: float

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds


def load_test_set(path: Union[str, Path], lang: str = "en") -> TestSet:
    """Read a DocBin; docs without a gold label are skipped (`labels.top_label`)."""
    vocab = spacy.blank(lang).vocab
    texts: List[str] = []
    gold: List[Doc] = []
    labels = set()
    for doc in DocBin().from_disk(path).get_docs(vocab):
        best = top_label(doc.cats)
        if best is None:
            continue
        labels.update(doc.cats)
        doc.cats = {label: float(label == best) for label in doc.cats}
        texts.append(doc.text)
        gold.append(doc)
    if not texts:
        raise ValueError(f"{path}: no docs with cats")
    return TestSet(texts=texts, gold=gold, labels=sorted(labels))


def repeat_texts(texts: Sequence[str], min_docs: int) -> List[str]:
    """The texts repeated whole until there are at least `min_docs` of them."""
    return list(texts) * max(1, math.ceil(min_docs / len(texts)))


def timed_pass(nlp: Language, texts: Sequence[str], batch_size: int) -> PassResult:
    """Run `nlp.pipe` over all texts, reading every doc's length and cats so nothing stays lazy."""
    gc.collect()
    docs = words = scored = 0
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        docs += 1
        words += len(doc)
        scored += bool(doc.cats)
    seconds = max(time.perf_counter() - start, 1e-9)
    return PassResult(docs=docs, words=words, scored=scored, seconds=seconds)


def _annotate(nlp: Language, texts: Sequence[str], batch_size: int) -> List[Doc]:
    return list(nlp.pipe(texts, batch_size=batch_size))


def macro_f1(predicted: Sequence[Doc], test: TestSet) -> Dict[str, Any]:
    """spaCy's exclusive-class cats scores of `predicted` against the test set's gold docs."""
    examples = [Example(doc, gold) for doc, gold in zip(predicted, test.gold)]
    scores = Scorer.score_cats(examples, "cats", labels=test.labels, multi_label=False)
    return {
        "macro_f1": scores["cats_macro_f"],
        "f1_per_label": {label: prf["f"] for label, prf in scores["cats_f_per_type"].items()},
    }


def load_pipelines(pipelines: Mapping[str, str], lang: str = "en") -> Dict[str, Dict[str, Any]]:
    """Load the blank reference and each named pipeline; note load time and the RSS it added."""
    loaded: Dict[str, Dict[str, Any]] = {}
    for name, path in [(BLANK, None), *pipelines.items()]:
        gc.collect()
        rss_before = current_rss_mb()
        start = time.perf_counter()
        nlp = spacy.blank(lang) if path is None else load_pipeline(path)
        load_seconds = time.perf_counter() - start
        gc.collect()
        rss_after = current_rss_mb()
        loaded[name] = {
            "nlp": nlp,
            "path": None if path is None else str(path),
            "components": list(nlp.pipe_names),
            "load_seconds": load_seconds,
            "rss_load_delta_mb": None if rss_before is None or rss_after is None else rss_after - rss_before,
            "component_torch_threads": _component_torch_threads(nlp),
        }
    return loaded


def _component_torch_threads(nlp: Language) -> Optional[int]:
    """The torch thread count the pipeline's lstm_sentiment component runs with (None: none, or torch's own)."""
    threads = [proc.torch_threads for _, proc in nlp.pipeline if hasattr(proc, "torch_threads")]
    return threads[0] if threads else None


def _noting_gpu_peak(peaks: List[float], run: Callable[[], T]) -> T:
    """Call `run`, appending the torch CUDA peak memory during it to `peaks` (nothing on CPU)."""
    reset_gpu_peak()
    result = run()
    peak = gpu_peak_mb()
    if peak is not None:
        peaks.append(peak)
    return result


def _median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def benchmark_inference(
    pipelines: Mapping[str, str],
    test: TestSet,
    *,
    min_docs: int = 10_000,
    batch_size: int = 256,
    rounds: int = 5,
    lang: str = "en",
) -> Dict[str, Any]:
    """docs/s, words/s, ratio to the blank tokenizer and test macro-F1 for each pipeline.

    `pipelines` maps a name to a pipeline directory or package; the blank reference is added
    first under the name "blank". Returns a JSON-ready dict.
    """
    if BLANK in pipelines:
        raise ValueError(f"the pipeline name {BLANK!r} is reserved for the spacy.blank reference")
    if rounds < 1:
        raise ValueError("rounds must be at least 1")
    loaded = load_pipelines(pipelines, lang=lang)
    texts = repeat_texts(test.texts, min_docs)
    gpu_peaks: Dict[str, List[float]] = {name: [] for name in loaded}

    results: Dict[str, Dict[str, Any]] = {}
    for name, entry in loaded.items():  # warm-up, and the accuracy pass
        nlp = entry["nlp"]
        predicted = _noting_gpu_peak(gpu_peaks[name], partial(_annotate, nlp, test.texts, batch_size))
        scores = macro_f1(predicted, test) if nlp.pipe_names else {"macro_f1": None, "f1_per_label": None}
        del predicted
        results[name] = {key: value for key, value in entry.items() if key != "nlp"}
        results[name].update(scores, rounds=[])

    for _ in range(rounds):
        round_results = {
            name: _noting_gpu_peak(gpu_peaks[name], partial(timed_pass, entry["nlp"], texts, batch_size))
            for name, entry in loaded.items()
        }
        blank_docs_per_s = round_results[BLANK].docs_per_s
        for name, result in round_results.items():
            results[name]["rounds"].append(
                {
                    "docs": result.docs,
                    "words": result.words,
                    "scored": result.scored,
                    "seconds": result.seconds,
                    "docs_per_s": result.docs_per_s,
                    "words_per_s": result.words_per_s,
                    "ratio_to_blank": result.docs_per_s / blank_docs_per_s,
                }
            )

    for name, result in results.items():
        per_round = result["rounds"]
        result["docs_per_s"] = _median([r["docs_per_s"] for r in per_round])
        result["words_per_s"] = _median([r["words_per_s"] for r in per_round])
        result["ratio_to_blank"] = _median([r["ratio_to_blank"] for r in per_round])
        result["gpu_peak_mb"] = max(gpu_peaks[name]) if gpu_peaks[name] else None

    return {
        "test_docs": len(test.texts),
        "docs_per_pass": len(texts),
        "repeats": len(texts) // len(test.texts),
        "batch_size": batch_size,
        "rounds": rounds,
        "labels": test.labels,
        "pipelines": results,
    }
