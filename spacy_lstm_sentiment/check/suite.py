"""The whole behavioural suite: every capability's tests, built deterministically from one seed.

The capabilities are the modules of `suites/`, found at import (each declares its ``CAPABILITY``,
``ORDER`` and ``SPECS``); nothing here lists them by hand. ``SUITE_VERSION`` names the suite's
content: ``SUITE_SHA256`` pins a hash of every test's name, capability, type, description and cases
(seed 0), and a test fails when the suite changes without both being updated, so reports of
different suites are never compared as if they were the same.
"""
import dataclasses
import hashlib
import importlib
import json
import pkgutil
from types import ModuleType
from typing import List, Tuple

from . import suites
from .types import Suite

SUITE_VERSION = "1"
"""Changes whenever a template or word list changes, so that reports from different suites are not compared."""
SUITE_SHA256 = "ca0ffe20f8ca7760bd5d996dd818c558e2c28823d4d5ad536c2626b975d5b5d1"
"""`suite_fingerprint(build_suite(0))` of this SUITE_VERSION: update both together."""


def suite_modules() -> Tuple[ModuleType, ...]:
    """Every capability module of `suites/`, in report order (their ``ORDER``)."""
    found = [
        importlib.import_module(f"{suites.__name__}.{info.name}")
        for info in pkgutil.iter_modules(suites.__path__)
        if not info.name.startswith("_")
    ]
    return tuple(sorted(found, key=lambda module: module.ORDER))


MODULES = suite_modules()
CAPABILITIES = tuple(module.CAPABILITY for module in MODULES)


def build_suite(seed: int = 0) -> Suite:
    """Every test, in CAPABILITIES order; the same seed always gives the same cases."""
    tests = [spec.build(seed) for module in MODULES for spec in module.SPECS]
    return Suite(seed=seed, tests=tuple(tests), version=SUITE_VERSION)


def all_texts(seed: int = 0) -> List[str]:
    """Every distinct text of ``build_suite(seed)``, sorted (e.g. to assert a training set shares none)."""
    return build_suite(seed).all_texts()


def suite_fingerprint(suite: Suite) -> str:
    """sha256 over every test's name, capability, type, description and cases, in order."""
    data = [
        [test.name, test.capability, test.type.value, test.description, [dataclasses.asdict(c) for c in test.cases]]
        for test in suite.tests
    ]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf8")).hexdigest()
