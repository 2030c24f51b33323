"""Measure the overhead of :func:`score_records` over a plain ``nlp.pipe`` on the same texts.

    python -m spacy_lstm_sentiment.scoring.overhead MODEL [N_TEXTS] [REPEATS] [TORCH_THREADS]

Both runs disable the same components and use the same batch size; the texts are synthetic
tweet-like strings (mentions, hashtags, emoji, URLs, HTML entities). Each variant runs REPEATS
times, interleaved, and the best time counts. ``score_records`` is measured with and without
``fix_encoding`` (ftfy), since plain ``nlp.pipe`` does no normalisation. torch runs with
TORCH_THREADS threads (default 1, as the ``score`` command).
"""
import random
import sys
import time
from typing import Callable, Dict, List

import torch

from .api import score_records
from .model import components_to_disable, load_pipeline

WORDS = (
    "good bad great awful love hate movie day today night happy sad not really so very "
    "the a is was it this that my your lol omg wow ok fine meh best worst ever never"
).split()
EXTRAS = ["@user", "#monday", "😀", "😡", "http://t.co/x", "&amp;", "!!!", ":)", "soooo"]


def make_texts(n: int, seed: int = 0) -> List[str]:
    """Synthetic tweet-like texts of 5-30 tokens."""
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        tokens = [rng.choice(WORDS) for _ in range(rng.randint(5, 30))]
        for _ in range(rng.randint(0, 3)):
            tokens.insert(rng.randrange(len(tokens) + 1), rng.choice(EXTRAS))
        texts.append(" ".join(tokens))
    return texts


def measure(model: str, n_texts: int = 5000, repeats: int = 3, batch_size: int = 256) -> Dict[str, float]:
    """Best docs/s of each variant over ``repeats`` interleaved runs."""
    nlp = load_pipeline(model)
    texts = make_texts(n_texts)
    records = [{"id": i, "text": text} for i, text in enumerate(texts)]
    disable = components_to_disable(nlp)
    variants: Dict[str, Callable[[], int]] = {
        "nlp.pipe": lambda: sum(1 for _ in nlp.pipe(texts, batch_size=batch_size, disable=disable)),
        "score_records (no fix_encoding)": lambda: sum(
            1 for _ in score_records(nlp, records, batch_size=batch_size, fix_encoding=False)
        ),
        "score_records (fix_encoding)": lambda: sum(1 for _ in score_records(nlp, records, batch_size=batch_size)),
    }
    for run in variants.values():  # warm up
        run()
    best = {name: float("inf") for name in variants}
    for _ in range(repeats):
        for name, run in variants.items():
            start = time.perf_counter()
            assert run() == n_texts
            best[name] = min(best[name], time.perf_counter() - start)
    return {name: n_texts / seconds for name, seconds in best.items()}


def main() -> None:
    model = sys.argv[1]
    n_texts = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    torch.set_num_threads(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    rates = measure(model, n_texts, repeats)
    base = rates["nlp.pipe"]
    for name, rate in rates.items():
        overhead = (base / rate - 1) * 100
        print(f"{name:34s} {rate:9.0f} docs/s  overhead {overhead:+5.1f}%")


if __name__ == "__main__":
    main()
