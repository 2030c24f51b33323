"""Failure counting and label handling, with small rule "models" whose every answer is known."""
import json
from typing import List

import pytest
import spacy
from spacy.language import Language
from typer.testing import CliRunner

from spacy_lstm_sentiment.check import (
    BehaviourTest,
    DIRCase,
    INVCase,
    LabelError,
    MFTCase,
    Prediction,
    Settings,
    Suite,
    TestType,
    build_suite,
    evaluate_test,
    parse_label_map,
    run_checks,
)
from spacy_lstm_sentiment.check.evaluate import dir_fails, inv_fails
from spacy_lstm_sentiment.check.label_map import resolve_label_map
from spacy_lstm_sentiment.check.types import MORE_NEGATIVE, MORE_POSITIVE
from spacy_lstm_sentiment.cli.main import app

from conftest import spacy_textcat_pipeline

LABELS = ["negative", "neutral", "positive"]


class RuleModel:
    """doc.cats from a rule: "keyword" (count of 'good' minus 'bad' decides), "neutral" (always neutral)."""

    def __init__(self, rule: str, labels: List[str]):
        self.rule, self.labels = rule, list(labels)

    def __call__(self, doc):
        if self.rule == "neutral":
            polarity = 0
        else:
            words = doc.text.lower().split()
            polarity = words.count("good") - words.count("bad")
        index = 1 if polarity == 0 else (2 if polarity > 0 else 0)
        doc.cats = {label: (0.8 if i == index else 0.1) if i < 3 else 0.0 for i, label in enumerate(self.labels)}
        return doc


@Language.factory("check_test_rules", assigns=["doc.cats"], default_config={"rule": "keyword", "labels": LABELS})
def make_rule_model(nlp: Language, name: str, rule: str, labels: List[str]) -> RuleModel:
    return RuleModel(rule, labels)


@Language.component("check_test_unlabelled", assigns=["doc.cats"])
def unlabelled_keyword_model(doc):
    """A function component: no `labels` attribute, so the check learns the labels from a probe."""
    return RuleModel("keyword", LABELS)(doc)


def rule_nlp(rule: str = "keyword", labels: List[str] = LABELS) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("check_test_rules", config={"rule": rule, "labels": labels})
    return nlp


def mini_suite() -> Suite:
    """Cases the keyword model gets right (…_ok) and cases with a known number of failures (…_fail)."""
    mft_ok = [MFTCase("a good day", "positive"), MFTCase("bad service", "negative"),
              MFTCase("the meeting is at 3pm", "neutral"), MFTCase("good good", "not negative")]
    mft_fail = [MFTCase("not bad at all", "not negative"), MFTCase("not good", "negative"),
                MFTCase("good", "positive")]
    inv_ok = [INVCase(("good day", "good day!!", "GOOD day")), INVCase(("at 3pm", "at 4pm"))]
    inv_fail = [INVCase(("good", "good bad")), INVCase(("fine", "fine bad")), INVCase(("x", "y"))]
    dir_ok = [DIRCase("ok", "ok good", MORE_POSITIVE), DIRCase("good", "good bad", MORE_NEGATIVE)]
    dir_fail = [DIRCase("good", "good bad bad", MORE_POSITIVE), DIRCase("ok", "ok good", MORE_NEGATIVE)]

    def test(name, kind, cases):
        return BehaviourTest(name, name.split("_")[0], kind, f"{name} cases", tuple(cases))

    return Suite(seed=0, tests=(
        test("mft_ok", TestType.MFT, mft_ok), test("mft_fail", TestType.MFT, mft_fail),
        test("inv_ok", TestType.INV, inv_ok), test("inv_fail", TestType.INV, inv_fail),
        test("dir_ok", TestType.DIR, dir_ok), test("dir_fail", TestType.DIR, dir_fail),
    ))


def failures(report) -> dict:
    return {r.name: r.n_failures for r in report.results}


def test_keyword_model_on_the_mini_suite_fails_exactly_the_failing_cases():
    report = run_checks(rule_nlp(), mini_suite())
    assert failures(report) == {"mft_ok": 0, "mft_fail": 2, "inv_ok": 0, "inv_fail": 2, "dir_ok": 0, "dir_fail": 2}
    by_name = {r.name: r for r in report.results}
    assert by_name["mft_fail"].failure_rate == pytest.approx(2 / 3)
    example = by_name["mft_fail"].examples[0]
    assert example["texts"] == ["not bad at all"] and example["expected"] == "not negative"
    assert example["predictions"][0]["label"] == "negative"
    assert report.capability_rates()["mft"] == pytest.approx((0 + 2 / 3) / 2, abs=1e-4)


def test_constant_neutral_model_fails_exactly_the_polar_expectations():
    suite = build_suite(seed=0)
    report = run_checks(rule_nlp("neutral"), suite)
    for i, test in enumerate(suite.tests):
        result = report.results[i]
        if test.type == TestType.MFT:
            polar = sum(case.expected in ("positive", "negative") for case in test.cases)
            assert result.n_failures == polar, test.name
        else:  # nothing ever moves
            assert result.n_failures == 0, test.name
    rates = {r.name: r.failure_rate for r in report.results}
    assert rates["vocab_positive"] == rates["vocab_negative"] == rates["negated_positive"] == 1.0
    assert rates["facts_schedules"] == rates["vocab_neutral"] == rates["negated_negative"] == 0.0
    assert 0 < rates["yes_no_answers"] < 1


def test_examples_are_capped_and_keep_every_prediction():
    suite = build_suite(seed=0).select(names=["vocab_positive", "identity_religion"])
    report = run_checks(rule_nlp("neutral"), suite, n_examples=2)
    first = report.results[0]
    assert len(first.examples) == 2 and first.n_failures == len(suite.tests[0].cases)
    assert first.examples[0]["predictions"][0]["scores"] == {"negative": 0.1, "neutral": 0.8, "positive": 0.1}
    assert report.results[1].examples == []


def test_inv_and_dir_tolerances():
    def p(neg, neu, pos):
        return Prediction({"negative": neg, "neutral": neu, "positive": pos})

    assert not inv_fails([p(0.1, 0.2, 0.7), p(0.2, 0.3, 0.5)])
    assert inv_fails([p(0.1, 0.2, 0.7), p(0.2, 0.3, 0.5)], tolerance=0.1)  # P(positive) moved by 0.2
    assert not inv_fails([p(0.1, 0.2, 0.7), p(0.1, 0.25, 0.65)], tolerance=0.1)
    assert inv_fails([p(0.1, 0.2, 0.7), p(0.1, 0.2, 0.7), p(0.5, 0.2, 0.3)])
    up = DIRCase("a", "a b", MORE_POSITIVE)
    assert not dir_fails(up, p(0.2, 0.3, 0.5), p(0.25, 0.3, 0.45), tolerance=0.1)  # within the tolerance
    assert dir_fails(up, p(0.2, 0.3, 0.5), p(0.2, 0.45, 0.35), tolerance=0.1)  # P(positive) fell by 0.15
    assert dir_fails(up, p(0.1, 0.4, 0.5), p(0.3, 0.2, 0.5), tolerance=0.1)  # P(negative) rose by 0.2
    assert dir_fails(up, p(0.2, 0.3, 0.5), p(0.25, 0.3, 0.45), tolerance=0.0)
    test = BehaviourTest("t", "c", TestType.INV, "d", (INVCase(("good", "good bad")),))
    preds = {"good": p(0.1, 0.1, 0.8), "good bad": p(0.1, 0.8, 0.1)}
    assert evaluate_test(test, preds, Settings()).n_failures == 1


def test_labels_by_alias_map_or_error():
    assert resolve_label_map(["NEG", "Neutral", "pos", "mixed"]) == {"NEG": "negative", "Neutral": "neutral",
                                                                       "pos": "positive"}
    mapping = parse_label_map("bad=negative, meh=neutral ,good=positive")
    assert resolve_label_map(["bad", "meh", "good"], mapping) == mapping
    with pytest.raises(LabelError, match="no label for neutral"):
        resolve_label_map(["negative", "positive"])
    with pytest.raises(LabelError, match="--label-map"):
        resolve_label_map(["LABEL_0", "LABEL_1", "LABEL_2"])
    with pytest.raises(LabelError, match="does not have"):
        resolve_label_map(["a", "b", "c"], {"x": "negative"})
    with pytest.raises(LabelError, match="several labels for negative"):
        resolve_label_map(["a", "b", "c"], {"a": "negative", "b": "negative", "c": "positive"})
    with pytest.raises(LabelError, match="MODEL_LABEL="):
        parse_label_map("a:negative")


def test_renamed_extra_and_unlabelled_models_give_the_same_report():
    want = failures(run_checks(rule_nlp(), mini_suite()))
    renamed = rule_nlp(labels=["NEG", "NEU", "POS", "mixed"])
    assert failures(run_checks(renamed, mini_suite())) == want
    mapped = rule_nlp(labels=["b", "m", "g"])
    report = run_checks(mapped, mini_suite(), label_map={"b": "negative", "m": "neutral", "g": "positive"})
    assert failures(report) == want
    unlabelled = spacy.blank("en")
    unlabelled.add_pipe("check_test_unlabelled")
    assert failures(run_checks(unlabelled, mini_suite())) == want
    with pytest.raises(LabelError, match="no component that writes doc.cats"):
        run_checks(spacy.blank("en"), mini_suite())


def test_cli_label_map_and_missing_labels(tmp_path):
    mapped = rule_nlp(labels=["b", "m", "g"])
    mapped.to_disk(tmp_path / "mapped")
    runner = CliRunner()
    out = tmp_path / "out.json"
    args = ["check", str(tmp_path / "mapped"), "--test", "vocab_neutral", "--output-json", str(out), "-q"]
    result = runner.invoke(app, args)
    assert result.exit_code == 3 and "--label-map" in result.output
    result = runner.invoke(app, [*args, "--label-map", "b=negative,m=neutral,g=positive"])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["model"]["label_map"] == {"b": "negative", "m": "neutral", "g": "positive"}
    assert [t["name"] for t in report["tests"]] == ["vocab_neutral"] and report["tests"][0]["n_failures"] == 0
    result = runner.invoke(app, [*args, "--label-map", "b=bad"])
    assert result.exit_code == 2


def test_spacys_own_textcat_with_upper_case_labels_runs():
    nlp = spacy_textcat_pipeline(["NEGATIVE", "NEUTRAL", "POSITIVE"])
    report = run_checks(nlp, capabilities=["negation", "fairness"])
    assert report.label_map == {"NEGATIVE": "negative", "NEUTRAL": "neutral", "POSITIVE": "positive"}
    assert {r.capability for r in report.results} == {"negation", "fairness"}
    assert report.summary()["negation_failure_rate"] is not None
