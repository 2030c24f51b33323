"""Expected calibration error (ECE) of a classifier's top-label probability.

Predictions are put into `n_bins` equal-width confidence bins: bin m holds the confidences in
((m-1)/M, m/M] (a confidence of exactly 0 goes to the first bin). ECE is the mean over predictions of
|accuracy of its bin - mean confidence of its bin|, i.e. sum over bins of (n_m / n) * |acc_m - conf_m|
(Guo et al., 2017). 0 means the probabilities can be read as probabilities; an over-confident model
(90% confident, 60% right) scores high.
"""
import math
from dataclasses import asdict, dataclass
from typing import Any, Dict, List, Sequence

DEFAULT_N_BINS = 15


@dataclass
class CalibrationBin:
    """One confidence bin: its bounds, how many predictions fell in it, their mean confidence and accuracy."""

    lower: float
    upper: float
    count: int
    mean_confidence: float
    accuracy: float

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


def calibration_bins(
    confidences: Sequence[float], correct: Sequence[bool], n_bins: int = DEFAULT_N_BINS
) -> List[CalibrationBin]:
    """The per-bin table behind ECE: `n_bins` equal-width bins over [0, 1], empty ones included (count 0)."""
    if len(confidences) != len(correct):
        raise ValueError(f"{len(confidences)} confidences but {len(correct)} correctness flags")
    if n_bins < 1:
        raise ValueError(f"n_bins must be at least 1, got {n_bins}")
    counts = [0] * n_bins
    confidence_sums = [0.0] * n_bins
    correct_sums = [0] * n_bins
    for confidence, is_correct in zip(confidences, correct):  # noqa: B905  lengths checked; strict= is 3.10+
        if not 0.0 <= confidence <= 1.0:
            raise ValueError(f"confidence {confidence} is outside [0, 1]")
        # rounded first, so that a bound such as 0.2 * 15 = 3.0000000000000004 stays in its bin
        index = min(n_bins - 1, max(0, math.ceil(round(confidence * n_bins, 9)) - 1))
        counts[index] += 1
        confidence_sums[index] += confidence
        correct_sums[index] += bool(is_correct)
    return [
        CalibrationBin(
            lower=m / n_bins,
            upper=(m + 1) / n_bins,
            count=counts[m],
            mean_confidence=confidence_sums[m] / counts[m] if counts[m] else 0.0,
            accuracy=correct_sums[m] / counts[m] if counts[m] else 0.0,
        )
        for m in range(n_bins)
    ]


def ece_from_bins(bins: Sequence[CalibrationBin]) -> float:
    """ECE from a per-bin table: the count-weighted mean of |accuracy - mean confidence|."""
    total = sum(b.count for b in bins)
    if not total:
        return 0.0
    return sum(b.count * abs(b.accuracy - b.mean_confidence) for b in bins) / total


def expected_calibration_error(
    confidences: Sequence[float], correct: Sequence[bool], n_bins: int = DEFAULT_N_BINS
) -> float:
    """ECE of top-label confidences against whether each top label was right (0.0 for no predictions)."""
    return ece_from_bins(calibration_bins(confidences, correct, n_bins))
