"""When a case fails, per test type, and a test's result: its failure count and a few example failures."""
from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Sequence

from ..labels import top_label
from .types import NOT, BehaviourTest, Case, DIRCase, INVCase, MFTCase, TestType

DEFAULT_DIR_TOLERANCE = 0.1
DEFAULT_N_EXAMPLES = 3


@dataclass(frozen=True)
class Prediction:
    """A text's scores (label -> probability; negative/neutral/positive under those names) and top label."""

    scores: Mapping[str, float]

    @property
    def label(self) -> Optional[str]:
        return top_label(self.scores)

    def to_dict(self) -> dict:
        return {"label": self.label, "scores": {k: round(float(v), 4) for k, v in self.scores.items()}}


@dataclass(frozen=True)
class Settings:
    """inv_tolerance: None, or also fail an INV case when a variant moves the original's top label's probability
    by more than this. dir_tolerance: how far a probability may move the wrong way before a DIR case fails."""

    inv_tolerance: Optional[float] = None
    dir_tolerance: float = DEFAULT_DIR_TOLERANCE

    def rules(self) -> Dict[str, str]:
        """The failure rule of each test type, in words (for reports)."""
        inv = "a variant's top label differs from the original's"
        if self.inv_tolerance is not None:
            inv += f", or it moves the original top label's probability by more than {self.inv_tolerance:g}"
        return {
            "MFT": "the top label is not the expected one ('not X': the top label is X)",
            "INV": inv,
            "DIR": f"a probability moves against the expected direction by more than {self.dir_tolerance:g}",
        }


def mft_fails(case: MFTCase, prediction: Prediction) -> bool:
    """Wrong top label; for "not X", top label X. No top label (all scores zero) always fails."""
    label = prediction.label
    if label is None:
        return True
    if case.expected.startswith(NOT):
        return label == case.expected[len(NOT) :]
    return label != case.expected


def inv_fails(predictions: Sequence[Prediction], tolerance: Optional[float] = None) -> bool:
    """Some variant's top label differs from the original's (the first), or with a tolerance, its probability
    of the original's top label moved by more than the tolerance."""
    original, variants = predictions[0], predictions[1:]
    if any(p.label != original.label for p in variants):
        return True
    if tolerance is None or original.label is None:
        return False
    reference = original.scores[original.label]
    return any(abs(p.scores.get(original.label, 0.0) - reference) > tolerance for p in variants)


def dir_fails(case: DIRCase, original: Prediction, perturbed: Prediction, tolerance: float) -> bool:
    """A constrained label's probability moved against its sign by more than the tolerance."""
    return any(
        sign * (perturbed.scores.get(label, 0.0) - original.scores.get(label, 0.0)) < -tolerance
        for label, sign in case.constraints
    )


def case_fails(case: Case, predictions: Mapping[str, Prediction], settings: Settings) -> bool:
    """Whether the case fails, its texts' predictions looked up in ``predictions``."""
    if isinstance(case, MFTCase):
        return mft_fails(case, predictions[case.text])
    if isinstance(case, INVCase):
        return inv_fails([predictions[t] for t in case.texts], settings.inv_tolerance)
    return dir_fails(case, predictions[case.original], predictions[case.perturbed], settings.dir_tolerance)


def expectation(case: Case) -> str:
    """What the case expects, in words."""
    if isinstance(case, MFTCase):
        return case.expected
    if isinstance(case, INVCase):
        return "the original's top label"
    words = {+1: "not lower", -1: "not higher"}
    return ", ".join(f"P({label}) {words[sign]}" for label, sign in case.constraints)


@dataclass
class TestResult:
    """One test's outcome: the failure count and the first few failures with their predictions."""

    name: str
    capability: str
    type: TestType
    description: str
    n_cases: int
    n_failures: int
    examples: List[dict] = field(default_factory=list)

    __test__ = False

    @property
    def failure_rate(self) -> float:
        return self.n_failures / self.n_cases if self.n_cases else 0.0

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "capability": self.capability,
            "type": self.type.value,
            "description": self.description,
            "n_cases": self.n_cases,
            "n_failures": self.n_failures,
            "failure_rate": round(self.failure_rate, 4),
            "examples": self.examples,
        }


def evaluate_test(
    test: BehaviourTest,
    predictions: Mapping[str, Prediction],
    settings: Settings = Settings(),
    n_examples: int = DEFAULT_N_EXAMPLES,
) -> TestResult:
    """Count the test's failing cases; keep the first ``n_examples`` failures with their predictions."""
    failures, examples = 0, []
    for case in test.cases:
        if not case_fails(case, predictions, settings):
            continue
        failures += 1
        if len(examples) < n_examples:
            examples.append(
                {
                    "texts": list(case.texts),
                    "expected": expectation(case),
                    "predictions": [predictions[t].to_dict() for t in case.texts],
                }
            )
    return TestResult(test.name, test.capability, test.type, test.description, len(test.cases), failures, examples)
