"""Intensity: intensifiers and reducers must move a sentiment word's polarity the right way."""
import random
from typing import Tuple

from ..generate import TestSpec
from ..sentences import ADJECTIVE_FRAMES, describe
from ..types import LESS_NEGATIVE, LESS_POSITIVE, MORE_NEGATIVE, MORE_POSITIVE, DIRCase, TestType
from ..wordlists.domains import INTENSIFIERS, NEGATIVE_REDUCERS, POSITIVE_REDUCERS, domain_choice

CAPABILITY = "intensity"
ORDER = 2


def _modified(modifiers_pos, modifiers_neg, when_pos, when_neg, skip: Tuple[str, ...]):
    """DIR cases "X was ADJ" -> "X was MOD ADJ" with a gradable adjective of random polarity."""
    frames = [f for f in ADJECTIVE_FRAMES if not any(s in f for s in skip)]

    def make(rng: random.Random) -> DIRCase:
        domain, noun = domain_choice(rng)
        positive = rng.random() < 0.5
        adj = rng.choice(domain.gradable_positive if positive else domain.gradable_negative)
        modifier = rng.choice(modifiers_pos if positive else modifiers_neg)
        frame = rng.choice(frames)
        return DIRCase(
            describe(noun, frame, adj), describe(noun, frame, f"{modifier} {adj}"), when_pos if positive else when_neg
        )

    return make


SPECS = (
    TestSpec("intensifiers", CAPABILITY, TestType.DIR,
             _modified(INTENSIFIERS, INTENSIFIERS, MORE_POSITIVE, MORE_NEGATIVE, skip=("how {adj}",)),
             "'very good' vs 'good', 'really rude' vs 'rude': an intensifier must not weaken the polarity."),
    TestSpec("reducers", CAPABILITY, TestType.DIR,
             _modified(POSITIVE_REDUCERS, NEGATIVE_REDUCERS, LESS_POSITIVE, LESS_NEGATIVE, skip=("how {adj}", "Wow")),
             "'fairly good' vs 'good', 'a bit slow' vs 'slow': a reducer must not raise P(positive) (P(negative))."),
)
