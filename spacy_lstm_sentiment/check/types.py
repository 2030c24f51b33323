"""The suite's data model: test types, the three kinds of case, a behavioural test and the suite."""
from dataclasses import dataclass, field
from enum import Enum
from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Union

from ..labels import DEFAULT_LABELS


class TestType(str, Enum):
    """Ribeiro et al. (2020): minimum functionality, invariance, directional expectation."""

    MFT = "MFT"
    INV = "INV"
    DIR = "DIR"

    __test__ = False  # not a pytest class


NOT = "not "
"""Prefix of an MFT expectation that only excludes a label: "not negative" passes neutral and positive."""
NOT_NEGATIVE = NOT + "negative"



@dataclass(frozen=True)
class MFTCase:
    """A labelled text: the top label must be `expected` ("positive"), or must not be it ("not negative")."""

    text: str
    expected: str

    def __post_init__(self) -> None:
        if self.expected.replace(NOT, "", 1) not in DEFAULT_LABELS:
            raise ValueError(f"unknown expectation {self.expected!r}")

    @property
    def texts(self) -> Tuple[str, ...]:
        return (self.text,)


@dataclass(frozen=True)
class INVCase:
    """Variants of one text (the first is the original): all must get the original's top label."""

    texts: Tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.texts) < 2 or len(set(self.texts)) != len(self.texts):
            raise ValueError(f"an INV case needs two or more distinct texts, got {self.texts!r}")


Constraint = Tuple[str, int]
"""(label, +1 or -1): the label's probability must not move against the sign (beyond the tolerance)."""

MORE_POSITIVE: Tuple[Constraint, ...] = (("positive", +1), ("negative", -1))
MORE_NEGATIVE: Tuple[Constraint, ...] = (("negative", +1), ("positive", -1))
LESS_POSITIVE: Tuple[Constraint, ...] = (("positive", -1),)
LESS_NEGATIVE: Tuple[Constraint, ...] = (("negative", -1),)


@dataclass(frozen=True)
class DIRCase:
    """A text and its perturbation, with the directions the label probabilities may move in."""

    original: str
    perturbed: str
    constraints: Tuple[Constraint, ...]

    def __post_init__(self) -> None:
        if self.original == self.perturbed:
            raise ValueError(f"a DIR case needs a changed text, got {self.original!r} twice")

    @property
    def texts(self) -> Tuple[str, ...]:
        return (self.original, self.perturbed)


Case = Union[MFTCase, INVCase, DIRCase]
CASE_TYPES = {TestType.MFT: MFTCase, TestType.INV: INVCase, TestType.DIR: DIRCase}


@dataclass(frozen=True)
class BehaviourTest:
    """One named test: a capability, a type, a one-line description and its cases."""

    name: str
    capability: str
    type: TestType
    description: str
    cases: Tuple[Case, ...]

    __test__ = False

    def __post_init__(self) -> None:
        wrong = [case for case in self.cases if not isinstance(case, CASE_TYPES[self.type])]
        if wrong:
            raise TypeError(f"test {self.name!r} ({self.type.value}) holds a {type(wrong[0]).__name__}")

    def texts(self) -> List[str]:
        """Every text of every case, in order (a text may repeat across cases)."""
        return [text for case in self.cases for text in case.texts]


@dataclass(frozen=True)
class Suite:
    """The behavioural tests built from one seed."""

    seed: int
    tests: Tuple[BehaviourTest, ...]
    version: str = field(default="1")

    def __post_init__(self) -> None:
        names = [test.name for test in self.tests]
        if len(set(names)) != len(names):
            raise ValueError(f"test names repeat: {sorted(n for n in names if names.count(n) > 1)}")

    def capabilities(self) -> List[str]:
        """Capability names in the order they first appear."""
        return list(dict.fromkeys(test.capability for test in self.tests))

    def test(self, name: str) -> BehaviourTest:
        for test in self.tests:
            if test.name == name:
                return test
        raise KeyError(name)

    def select(self, capabilities: Optional[Iterable[str]] = None, names: Optional[Iterable[str]] = None) -> "Suite":
        """The tests of the given capabilities and/or names (None: no filter); unknown ones raise ValueError."""
        wanted_caps = _known(capabilities, self.capabilities(), "capability")
        wanted_names = _known(names, [test.name for test in self.tests], "test")
        tests = tuple(
            test
            for test in self.tests
            if (wanted_caps is None or test.capability in wanted_caps)
            and (wanted_names is None or test.name in wanted_names)
        )
        return Suite(seed=self.seed, tests=tests, version=self.version)

    def all_texts(self) -> List[str]:
        """Every distinct text of the suite, sorted: what a training set must not contain."""
        return sorted({text for test in self.tests for text in test.texts()})

    def n_cases(self) -> int:
        return sum(len(test.cases) for test in self.tests)

    def summary(self) -> Dict[str, int]:
        return {"n_tests": len(self.tests), "n_cases": self.n_cases(), "n_texts": len(self.all_texts())}


def _known(values: Optional[Iterable[str]], known: Sequence[str], what: str) -> Optional[set]:
    if values is None:
        return None
    values = set(values)
    unknown = sorted(values - set(known))
    if unknown:
        raise ValueError(f"unknown {what} {', '.join(unknown)} (known: {', '.join(known)})")
    return values
