"""The whole behavioural suite: every capability's tests, built deterministically from one seed."""
from typing import List

from . import (
    suite_entities,
    suite_fairness,
    suite_negation,
    suite_robustness,
    suite_social,
    suite_structure,
    suite_vocabulary,
)
from .types import Suite

SUITE_VERSION = "1"
"""Changes whenever a template or word list changes, so that reports from different suites are not compared."""

MODULES = (suite_vocabulary, suite_negation, suite_structure, suite_social, suite_robustness, suite_entities,
           suite_fairness)
CAPABILITIES = (
    "vocabulary", "intensity", "negation", "contrast", "temporal", "opinion", "questions", "neutral_facts",
    "emoji", "emphasis", "robustness", "entities", "fairness",
)
NEGATION, FAIRNESS = suite_negation.NEGATION, suite_fairness.FAIRNESS


def build_suite(seed: int = 0) -> Suite:
    """Every test, in CAPABILITIES order; the same seed always gives the same cases."""
    tests = [spec.build(seed) for module in MODULES for spec in module.SPECS]
    order = {capability: i for i, capability in enumerate(CAPABILITIES)}
    tests.sort(key=lambda test: order[test.capability])  # stable: keeps each module's order
    return Suite(seed=seed, tests=tuple(tests), version=SUITE_VERSION)


def all_texts(seed: int = 0) -> List[str]:
    """Every distinct text of ``build_suite(seed)``, sorted (e.g. to assert a training set shares none)."""
    return build_suite(seed).all_texts()
