"""The label names the package gives a meaning to, and how a label distribution is read."""
from typing import Mapping, Optional

POSITIVE, NEUTRAL, NEGATIVE = "positive", "neutral", "negative"
DEFAULT_LABELS = (NEGATIVE, NEUTRAL, POSITIVE)
"""The labels a component gets when neither its config, `add_label` nor the training data name any."""


def top_label(scores: Mapping[str, float]) -> Optional[str]:
    """The label with the highest score (the first one on ties).

    None when there are no scores, or when no score is above zero: an all-zero distribution is
    "nothing scored" (a one-hot gold annotation with no label, spaCy's textcat on an empty doc).
    """
    if not scores:
        return None
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] > 0 else None


def polarity(scores: Mapping[str, float]) -> Optional[float]:
    """P(positive) - P(negative), in [-1, 1]; None when either label is missing."""
    if POSITIVE not in scores or NEGATIVE not in scores:
        return None
    return float(scores[POSITIVE]) - float(scores[NEGATIVE])


def check_gold_distribution(cats: Mapping[str, float], component: str, text: str) -> None:
    """Gold cats are one label at 1.0, or a distribution over labels (soft labels, e.g. "neutral or
    positive"), or all 0.0 (no gold label); anything else is a ValueError naming the post."""
    values = list(cats.values())
    if any(not 0.0 <= value <= 1.0 for value in values) or sum(values) > 1.0 + 1e-6:
        raise ValueError(
            f"{component} needs gold cats in [0, 1] that sum to 1 (or all 0 for no label), "
            f"got {dict(cats)} for {text[:60]!r}"
        )
