"""Behavioural tests for sentiment pipelines (Ribeiro et al. 2020, "Beyond accuracy"): MFT, INV and DIR tests.

>>> import spacy
>>> from spacy_lstm_sentiment.check import build_suite, run_checks
>>> report = run_checks(spacy.load("training/model-best"))
>>> report.summary()["mean_failure_rate"], report.to_markdown()[:40]
>>> texts = build_suite(seed=0).all_texts()   # every text of the suite, without a model

Works with any pipeline whose doc.cats has negative, neutral and positive labels (other names through
``label_map``), e.g. spaCy's own textcat.
"""
from .evaluate import Prediction, Settings, TestResult, evaluate_test
from .label_map import LabelError, parse_label_map
from .report import SCHEMA_VERSION, CheckReport
from .runner import run_checks
from .suite import CAPABILITIES, SUITE_SHA256, SUITE_VERSION, all_texts, build_suite, suite_fingerprint
from .types import BehaviourTest, DIRCase, INVCase, MFTCase, Suite, TestType

__all__ = [
    "CAPABILITIES",
    "SCHEMA_VERSION",
    "SUITE_SHA256",
    "SUITE_VERSION",
    "BehaviourTest",
    "CheckReport",
    "DIRCase",
    "INVCase",
    "LabelError",
    "MFTCase",
    "Prediction",
    "Settings",
    "Suite",
    "TestResult",
    "TestType",
    "all_texts",
    "build_suite",
    "evaluate_test",
    "parse_label_map",
    "run_checks",
    "suite_fingerprint",
]
