"""Are attributions faithful? Deletion and sufficiency tests (DeYoung et al. 2020, ERASER).

For each doc, tokens are ranked by their attribution to the doc's predicted label, and by two
references: leave-one-out occlusion (the probability drop when that token alone is removed) and a
random order. Then, for k = 1, 3 and 20% of the doc's tokens:
- comprehensiveness: remove the top k tokens, rescore; the mean drop of the predicted label's
  probability (higher: the ranking found what the prediction rests on);
- sufficiency (20%): keep only the top 20% of tokens; the mean share of the predicted label's
  probability that remains (higher: those tokens carry the prediction).
Removing a token means rebuilding the text from the other tokens (with their whitespace), so the
pipeline reads the reduced post as it would read any post. Whitespace tokens are never ranked.
"""
import math
import random
import time
from typing import Any, Dict, List, Sequence

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from ..explanations.explain_docs import explain

K_VALUES = ("1", "3", "20%")
METHODS = ("attribution", "leave_one_out", "random")


def faithfulness(nlp: Language, texts: Sequence[str], *, steps: int = 16, seed: int = 0) -> Dict[str, Any]:
    """The figures above for `texts`, with explain's and occlusion's docs/s."""
    start = time.perf_counter()
    docs = list(explain(nlp, texts, steps=steps))
    explain_seconds = time.perf_counter() - start
    labels = [doc._.sentiment for doc in docs]
    original = numpy.array([doc.cats[label] for doc, label in zip(docs, labels)])
    candidates = [[token.i for token in doc if not token.is_space] for doc in docs]

    start = time.perf_counter()
    occlusion = [
        _leave_one_out(nlp, doc, label, p, idx) for doc, label, p, idx in zip(docs, labels, original, candidates)
    ]
    occlusion_seconds = time.perf_counter() - start
    rng = random.Random(seed)
    rankings = {
        "attribution": [
            sorted(idx, key=lambda i, d=doc, lab=label: -d[i]._.attribution[lab])
            for doc, label, idx in zip(docs, labels, candidates)
        ],
        "leave_one_out": [sorted(idx, key=lambda i, s=scores: -s[i]) for idx, scores in zip(candidates, occlusion)],
        "random": [rng.sample(idx, len(idx)) for idx in candidates],
    }
    results: Dict[str, Any] = {"docs": len(docs), "comprehensiveness": {}, "sufficiency_20%": {}}
    for method, ranking in rankings.items():
        results["comprehensiveness"][method] = {
            k: float(numpy.mean(original - _rescored(nlp, docs, labels, ranking, k, keep=False))) for k in K_VALUES
        }
        kept = _rescored(nlp, docs, labels, ranking, "20%", keep=True)
        results["sufficiency_20%"][method] = float(numpy.mean(kept / numpy.maximum(original, 1e-12)))
    results["explain_docs_per_s"] = len(docs) / explain_seconds
    results["leave_one_out_docs_per_s"] = len(docs) / occlusion_seconds
    results["steps"] = steps
    return results


def _count(k: str, n: int) -> int:
    return min(n, math.ceil(n * 0.2) if k.endswith("%") else int(k))


def _without(doc: Doc, removed: set) -> str:
    return "".join(token.text_with_ws for token in doc if token.i not in removed)


def _leave_one_out(nlp: Language, doc: Doc, label: str, probability: float, candidates: List[int]) -> Dict[int, float]:
    """Each candidate token's occlusion score: how much removing it alone lowers P(label)."""
    variants = [_without(doc, {i}) for i in candidates]
    return {i: probability - new.cats[label] for i, new in zip(candidates, nlp.pipe(variants, batch_size=1024))}


def _rescored(nlp: Language, docs, labels, rankings, k: str, keep: bool) -> numpy.ndarray:
    """P(predicted label) after removing (or keeping only) each doc's top-k ranked tokens."""
    texts = []
    for doc, ranking in zip(docs, rankings):
        top = set(ranking[: _count(k, len(ranking))])
        texts.append(_without(doc, {t.i for t in doc if t.i not in top} if keep else top))
    return numpy.array([new.cats[label] for new, label in zip(nlp.pipe(texts, batch_size=1024), labels)])
