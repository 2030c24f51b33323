"""Expected calibration error: calibrated and over-confident synthetic sets, bins of a hand example."""
import random

import pytest

from spacy_lstm_sentiment.evaluation.calibration import calibration_bins, ece_from_bins, expected_calibration_error


def test_perfectly_calibrated_set_has_ece_near_zero():
    rng = random.Random(0)
    confidences, correct = [], []
    for _ in range(60_000):
        confidence = rng.uniform(1 / 3, 1.0)
        confidences.append(confidence)
        correct.append(rng.random() < confidence)  # right exactly as often as it claims
    assert expected_calibration_error(confidences, correct) < 0.01


def test_over_confident_set_has_ece_of_its_confidence_gap():
    confidences = [0.95] * 100
    correct = [i < 60 for i in range(100)]  # 95% sure, 60% right
    assert expected_calibration_error(confidences, correct) == pytest.approx(0.35)
    under = expected_calibration_error([0.5] * 10, [True] * 10)  # under-confident counts too
    assert under == pytest.approx(0.5)


def test_bins_of_a_hand_example():
    # 3 bins: (0, 1/3], (1/3, 2/3], (2/3, 1]
    confidences = [0.0, 0.2, 1 / 3, 0.5, 0.9, 1.0]
    correct = [False, True, False, True, True, False]
    bins = calibration_bins(confidences, correct, n_bins=3)
    assert [b.count for b in bins] == [3, 1, 2]  # 0 and the bound 1/3 belong to the first bin
    assert [b.lower for b in bins] == pytest.approx([0.0, 1 / 3, 2 / 3])
    assert [b.upper for b in bins] == pytest.approx([1 / 3, 2 / 3, 1.0])
    assert bins[0].mean_confidence == pytest.approx((0.2 + 1 / 3) / 3) and bins[0].accuracy == pytest.approx(1 / 3)
    assert (bins[1].mean_confidence, bins[1].accuracy) == (0.5, 1.0)
    assert (bins[2].mean_confidence, bins[2].accuracy) == (pytest.approx(0.95), 0.5)
    want = (3 * abs(1 / 3 - (0.2 + 1 / 3) / 3) + 1 * 0.5 + 2 * 0.45) / 6
    assert ece_from_bins(bins) == pytest.approx(want)
    assert expected_calibration_error(confidences, correct, n_bins=3) == pytest.approx(want)


def test_fifteen_bins_by_default_with_bounds_kept_in_their_bin():
    bins = calibration_bins([0.2, 0.2 + 1e-6, 1.0], [True, True, True])
    assert len(bins) == 15
    assert bins[2].count == 1 and bins[3].count == 1 and bins[14].count == 1  # 0.2 = 3/15 closes bin 3


def test_empty_and_invalid_inputs():
    assert expected_calibration_error([], []) == 0.0
    assert all(b.count == 0 for b in calibration_bins([], []))
    with pytest.raises(ValueError, match="outside"):
        calibration_bins([1.2], [True])
    with pytest.raises(ValueError, match="2 confidences but 1"):
        calibration_bins([0.5, 0.6], [True])
