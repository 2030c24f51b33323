"""The behavioural suite itself, without a model: deterministic, complete, well-formed cases."""
import re

import pytest

from spacy_lstm_sentiment.check import (
    CAPABILITIES,
    SUITE_SHA256,
    SUITE_VERSION,
    DIRCase,
    INVCase,
    MFTCase,
    TestType,
    all_texts,
    build_suite,
    suite_fingerprint,
)
from spacy_lstm_sentiment.check.wordlists.people import NATIONALITY, RACE_ETHNICITY, RELIGION, SEXUAL_ORIENTATION

MIN_CASES = 50
REQUIRED_CAPABILITIES = {
    "vocabulary", "intensity", "negation", "contrast", "temporal", "opinion", "questions", "emoji", "emphasis",
    "neutral_facts", "robustness", "entities", "fairness",
}


@pytest.fixture(scope="module")
def suite():
    return build_suite(seed=0)


def test_same_seed_same_cases_other_seed_other_cases(suite):
    assert build_suite(seed=0) == suite
    other = build_suite(seed=1)
    assert [t.name for t in other.tests] == [t.name for t in suite.tests]
    assert other.all_texts() != suite.all_texts()


def test_covers_every_capability_and_type(suite):
    assert set(suite.capabilities()) == REQUIRED_CAPABILITIES == set(CAPABILITIES)
    assert suite.capabilities() == list(CAPABILITIES)  # tests come in capability order
    assert {t.type for t in suite.tests} == set(TestType)
    assert 30 <= len(suite.tests) <= 45


def test_every_test_has_enough_cases_and_a_description(suite):
    for test in suite.tests:
        assert len(test.cases) >= MIN_CASES, test.name
        assert len(test.cases) <= 300, test.name
        assert test.description.strip(), test.name
    assert 5_000 <= len(suite.all_texts()) <= 20_000


def test_texts_are_filled_in_and_tidy(suite):
    for text in suite.all_texts():
        assert text == text.strip() and text, repr(text)
        assert not re.search(r"[{}]|  ", text), repr(text)  # no unfilled slot, no double space
        assert len(text) <= 280, text
        assert not re.search(r"\b(a [aeiouAEIOU]\w+|an [^aeiouAEIOU\W]\w*)\b", text), text  # a/an agree


def test_cases_have_their_type(suite):
    kinds = {TestType.MFT: MFTCase, TestType.INV: INVCase, TestType.DIR: DIRCase}
    for test in suite.tests:
        assert all(isinstance(case, kinds[test.type]) for case in test.cases), test.name
        assert len(set(test.cases)) == len(test.cases), test.name  # no case twice


def test_mft_expectations(suite):
    expectations = {case.expected for t in suite.tests if t.type == TestType.MFT for case in t.cases}
    assert expectations == {"negative", "neutral", "positive", "not negative"}
    assert {c.expected for c in suite.test("facts_schedules").cases} == {"neutral"}
    assert {c.expected for c in suite.test("negated_negative").cases} == {"not negative"}


@pytest.mark.parametrize(
    "name, terms",
    [
        ("identity_race_ethnicity", RACE_ETHNICITY),
        ("identity_religion", RELIGION),
        ("identity_nationality", NATIONALITY),
        ("identity_sexual_orientation", SEXUAL_ORIENTATION),
    ],
)
def test_identity_cases_differ_only_in_the_term(suite, name, terms):
    for case in suite.test(name).cases:
        assert len(case.texts) == len(terms)
        for i, term in enumerate(terms):
            text = case.texts[i]
            assert re.search(rf"\b{re.escape(term)}\b", text), (text, term)
        words = [set(re.findall(r"[\w']+", text.lower())) for text in case.texts]
        shared = set.intersection(*words)
        assert all(len(w - shared) <= 3 for w in words), case.texts  # the term and its article


def test_all_texts_for_overlap_checks(suite):
    texts = all_texts(seed=0)
    assert texts == sorted(set(texts)) == suite.all_texts()
    assert "The meeting is at 3pm." in texts or any(t.startswith("The meeting is at") for t in texts)
    training = ["I love this airline", texts[0]]
    assert set(training) & set(texts) == {texts[0]}


def test_select_filters_and_rejects_unknown_names(suite):
    negation = suite.select(capabilities=["negation"])
    assert {t.capability for t in negation.tests} == {"negation"} and len(negation.tests) == 5
    assert [t.name for t in suite.select(names=["typos"]).tests] == ["typos"]
    with pytest.raises(ValueError, match="unknown capability"):
        suite.select(capabilities=["sarcasm"])


def test_the_suite_text_is_pinned_to_its_version(suite):
    """A template, word list or description changed without a new SUITE_VERSION would let reports of two
    different suites be compared: update SUITE_VERSION and SUITE_SHA256 together (check/suite.py)."""
    assert suite_fingerprint(suite) == SUITE_SHA256, (
        f"the suite changed (sha256 {suite_fingerprint(suite)}): bump SUITE_VERSION (now {SUITE_VERSION}) "
        "and set SUITE_SHA256 to the new hash"
    )


def test_capabilities_and_modules_are_found_not_listed():
    """Every module of check/suites/ is a capability that names itself; the list follows from them."""
    import pkgutil

    from spacy_lstm_sentiment.check import suite as suite_module
    from spacy_lstm_sentiment.check import suites

    names = sorted(info.name for info in pkgutil.iter_modules(suites.__path__))
    assert sorted(module.__name__.rsplit(".", 1)[1] for module in suite_module.MODULES) == names
    assert [module.CAPABILITY for module in suite_module.MODULES] == list(CAPABILITIES)
    orders = [module.ORDER for module in suite_module.MODULES]
    assert len(set(orders)) == len(orders)
    for module in suite_module.MODULES:
        assert module.__name__.endswith("." + module.CAPABILITY)  # one module per capability, named after it
        assert {spec.capability for spec in module.SPECS} == {module.CAPABILITY}
