"""Small helpers for writing cases: seeded random streams, unique sampling, agreement and articles."""
import random
from dataclasses import dataclass
from typing import Callable, List, Optional, TypeVar

from ..text.english import article, cap  # noqa: F401  (the suites' templates use them from here)
from .types import BehaviourTest, Case, TestType

T = TypeVar("T")

DEFAULT_CASES = 200
"""Cases per test unless a test asks for fewer (small pools) or more."""


def rng_for(seed: int, name: str) -> random.Random:
    """A random stream for one test: the same (seed, name) always draws the same cases."""
    return random.Random(f"{seed}:{name}")


def sample_unique(
    rng: random.Random, make: Callable[[random.Random], Optional[T]], n: int = DEFAULT_CASES, tries: int = 20
) -> List[T]:
    """Up to ``n`` distinct results of ``make(rng)`` (None results are skipped), in draw order.

    Stops after ``tries * n`` draws, so a small pool gives fewer cases instead of looping forever.
    """
    seen, out = set(), []
    for _ in range(tries * n):
        item = make(rng)
        if item is None or item in seen:
            continue
        seen.add(item)
        out.append(item)
        if len(out) == n:
            break
    return out


@dataclass(frozen=True)
class Noun:
    """A noun phrase ("the crew", "these headphones") with the verb forms that agree with it."""

    text: str
    plural: bool = False
    person: bool = False

    @property
    def takes_it(self) -> bool:
        """Whether "it"/"they" can refer to it: not a single person ("the waiter ... it was")."""
        return self.plural or not self.person

    @property
    def forms(self) -> dict:
        """Template fields: {n} {N} {is} {Is} {was} {Was} {isnt} {wasnt} {it} {It} {them} {has}."""
        p = self.plural
        return {
            "n": self.text,
            "N": cap(self.text),
            "is": "are" if p else "is",
            "Is": "Are" if p else "Is",
            "was": "were" if p else "was",
            "Was": "Were" if p else "Was",
            "isnt": "aren't" if p else "isn't",
            "wasnt": "weren't" if p else "wasn't",
            "it": "they" if p else "it",
            "It": "They" if p else "It",
            "them": "them" if p else "it",
            "has": "have" if p else "has",
        }

    def fill(self, template: str, **fields: str) -> str:
        """The template with this noun's fields and the given ones filled in."""
        return template.format(**self.forms, **fields)


def elongate(word: str, rng: random.Random) -> str:
    """ "good" -> "gooood", "bad" -> "baaad": the last vowel (or the last letter) repeated 3-5 times."""
    vowels = [i for i, ch in enumerate(word) if ch in "aeiouAEIOU"]
    i = vowels[-1] if vowels else len(word) - 1
    return word[: i + 1] + word[i] * rng.randint(2, 4) + word[i + 1 :]



@dataclass(frozen=True)
class TestSpec:
    """How to draw one test: its name, capability, type, case maker, description and number of cases."""

    name: str
    capability: str
    type: TestType
    make: Callable[[random.Random], Optional[Case]]
    description: str
    n: int = DEFAULT_CASES

    __test__ = False

    def build(self, seed: int) -> BehaviourTest:
        """The test with up to ``n`` distinct cases drawn by ``make`` from the test's own random stream."""
        cases = sample_unique(rng_for(seed, self.name), self.make, self.n)
        return BehaviourTest(self.name, self.capability, self.type, self.description, tuple(cases))
