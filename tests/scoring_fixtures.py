"""Interim fixture: a tiny saved pipeline with spaCy's exclusive textcat (negative/neutral/positive).

Scoring only reads doc.cats, so this stands in for the lstm_sentiment pipeline until
tests/conftest.py provides ``trained_pipeline_dir``.
"""
import os
import random
from pathlib import Path

import pytest
import spacy
from spacy.training import Example

TRAIN = [
    ("I love this, it is great", "positive"),
    ("what a wonderful happy day", "positive"),
    ("best thing ever, amazing", "positive"),
    ("so good, really nice", "positive"),
    ("I hate this, it is awful", "negative"),
    ("terrible, worst day ever", "negative"),
    ("this is bad and sad", "negative"),
    ("horrible awful service", "negative"),
    ("the meeting is at noon", "neutral"),
    ("it is a table", "neutral"),
    ("the bus leaves at five", "neutral"),
    ("today is tuesday", "neutral"),
]
LABELS = ["negative", "neutral", "positive"]
_BUILT = {}


def build_pipeline(path: Path) -> Path:
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat")
    for label in LABELS:
        textcat.add_label(label)
    examples = [
        Example.from_dict(nlp.make_doc(text), {"cats": {lab: float(lab == gold) for lab in LABELS}})
        for text, gold in TRAIN
    ]
    random.seed(0)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(10):
        random.shuffle(examples)
        nlp.update(examples, sgd=optimizer)
    nlp.to_disk(path)
    return path


@pytest.fixture(scope="session")
def trained_pipeline_dir(tmp_path_factory) -> Path:
    if os.environ.get("SCORING_TEST_PIPELINE"):  # interim: try another saved pipeline
        return Path(os.environ["SCORING_TEST_PIPELINE"])
    if "path" not in _BUILT:
        _BUILT["path"] = build_pipeline(tmp_path_factory.mktemp("pipeline") / "textcat")
    return _BUILT["path"]
