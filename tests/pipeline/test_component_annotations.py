"""What the component writes on docs, batching/padding invariance, and evaluation."""
import gc
import json
import subprocess
import sys

import numpy
import pytest
import spacy
from spacy.tokens import DocBin
from thinc.api import fix_random_seed

from spacy_lstm_sentiment.pipeline.component import DEFAULT_INFERENCE_BATCH_SIZE

from conftest import LABELS, SMALL_MODEL, make_examples, make_texts

TEXTS = [t for t, _ in make_texts(12, seed=20)] + [
    "",
    "I love this airline",
    "worst delayed flight ever, lost my bag",
    "when is the gate check",
    "😀",
]


def assert_distribution(doc, labels=LABELS):
    assert list(doc.cats) == list(labels)
    values = numpy.array(list(doc.cats.values()))
    assert ((values >= 0) & (values <= 1)).all()
    assert values.sum() == pytest.approx(1.0, abs=1e-5)


def test_cats_extension_values(trained_nlp):
    for doc in trained_nlp.pipe(TEXTS):
        assert_distribution(doc)
        assert doc._.sentiment == max(doc.cats, key=doc.cats.get)
        assert doc._.polarity == pytest.approx(doc.cats["positive"] - doc.cats["negative"], abs=1e-6)
        assert -1.0 <= doc._.polarity <= 1.0


def test_polarity_separates_positive_from_negative_texts(trained_nlp):
    texts = make_texts(30, seed=22)
    polarity = {label: [] for label in LABELS}
    for doc, (_, gold) in zip(trained_nlp.pipe(t for t, _ in texts), texts):
        polarity[gold].append(doc._.polarity)
    assert numpy.mean(polarity["positive"]) > numpy.mean(polarity["neutral"]) > numpy.mean(polarity["negative"])
    assert numpy.mean(polarity["positive"]) > 0 > numpy.mean(polarity["negative"])


def test_polarity_is_none_without_positive_and_negative_labels():
    nlp = spacy.blank("en")
    nlp.add_pipe("lstm_sentiment", config={"pretrained": None, "model": SMALL_MODEL})
    nlp.config["initialize"]["components"]["lstm_sentiment"] = {"labels": ["positive", "neutral"]}
    nlp.initialize()
    doc = nlp("great")
    assert_distribution(doc, ["positive", "neutral"])
    assert doc._.polarity is None
    assert doc._.sentiment in ("positive", "neutral")


@pytest.mark.parametrize("batch_size", [1, 3, 64])
def test_pipe_equals_call(trained_nlp, batch_size):
    piped = list(trained_nlp.pipe(TEXTS, batch_size=batch_size))
    for text, doc in zip(TEXTS, piped):
        alone = trained_nlp(text)
        for label in LABELS:
            assert doc.cats[label] == pytest.approx(alone.cats[label], abs=1e-6)
        assert doc._.sentiment == alone._.sentiment


@pytest.mark.parametrize("batch_size,inference_batch_size,expected_sizes", [(3, 7, [7, 7, 3]), (8, 5, [8, 8, 1])])
def test_pipe_scores_at_least_inference_batch_size_docs_at_once(
    trained_nlp, batch_size, inference_batch_size, expected_sizes, monkeypatch
):
    component = trained_nlp.get_pipe("lstm_sentiment")
    sizes = []
    predict = component.predict
    monkeypatch.setattr(component, "predict", lambda docs: sizes.append(len(docs)) or predict(docs))
    monkeypatch.setattr(component, "inference_batch_size", inference_batch_size)
    texts = TEXTS[: sum(expected_sizes)]
    piped = list(trained_nlp.pipe(texts, batch_size=batch_size))
    assert sizes == expected_sizes
    assert [doc.text for doc in piped] == texts
    monkeypatch.setattr(component, "inference_batch_size", 1)
    for doc, again in zip(piped, trained_nlp.pipe(texts, batch_size=1)):
        assert doc.cats == pytest.approx(again.cats, abs=1e-6)


@pytest.mark.parametrize("gc_enabled", [True, False])
def test_pipe_pauses_the_cyclic_gc_per_batch_and_restores_it(trained_nlp, gc_enabled, monkeypatch):
    component = trained_nlp.get_pipe("lstm_sentiment")
    seen = []
    predict = component.predict
    monkeypatch.setattr(component, "predict", lambda docs: seen.append(gc.isenabled()) or predict(docs))
    monkeypatch.setattr(component, "inference_batch_size", 4)
    was_enabled = gc.isenabled()
    (gc.enable if gc_enabled else gc.disable)()
    try:
        in_consumer = []
        for _ in trained_nlp.pipe(TEXTS, batch_size=2):
            in_consumer.append(gc.isenabled())
        stopped_early = trained_nlp.pipe(TEXTS, batch_size=2)
        next(stopped_early)
        stopped_early.close()
        assert gc.isenabled() == gc_enabled
    finally:
        (gc.enable if was_enabled else gc.disable)()
    assert seen and not any(seen)  # scoring ran with the collector paused...
    assert in_consumer == [gc_enabled] * len(TEXTS)  # ...and the caller's loop with its own setting


def test_a_failing_batch_goes_to_the_error_handler_and_the_gc_comes_back(trained_nlp, monkeypatch):
    component = trained_nlp.get_pipe("lstm_sentiment")
    monkeypatch.setattr(component, "inference_batch_size", 5)
    predict = component.predict

    def predict_or_fail(docs):
        if any(doc.text == "worst delayed flight ever, lost my bag" for doc in docs):
            raise RuntimeError("model failure")
        return predict(docs)

    monkeypatch.setattr(component, "predict", predict_or_fail)
    with pytest.raises(RuntimeError, match="model failure"):
        list(trained_nlp.pipe(TEXTS))
    assert gc.isenabled()
    failed = []
    component.set_error_handler(lambda name, proc, docs, error: failed.append((name, len(docs), str(error))))
    try:
        piped = [doc.text for doc in trained_nlp.pipe(TEXTS, batch_size=1)]
    finally:
        component.set_error_handler(None)
    assert failed == [("lstm_sentiment", 5, "model failure")]
    assert piped == TEXTS[:10] + TEXTS[15:]  # as spaCy's pipes do: the handled batch is not yielded
    assert gc.isenabled()


def test_a_pipe_call_can_override_inference_batch_size(trained_nlp, monkeypatch):
    component = trained_nlp.get_pipe("lstm_sentiment")
    sizes = []
    predict = component.predict
    monkeypatch.setattr(component, "predict", lambda docs: sizes.append(len(docs)) or predict(docs))
    cfg = {"lstm_sentiment": {"inference_batch_size": 1}}
    piped = list(trained_nlp.pipe(TEXTS[:5], batch_size=2, component_cfg=cfg))
    assert sizes == [2, 2, 1] and len(piped) == 5
    assert component.inference_batch_size == DEFAULT_INFERENCE_BATCH_SIZE  # the component's own setting is untouched


def test_inference_batch_size_must_be_positive():
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="inference_batch_size"):
        nlp.add_pipe("lstm_sentiment", config={"inference_batch_size": 0})


# --- padding invariance: a doc's scores must not depend on its batch mates ------------------

SHORT = "the crew was great today"
LONG = " ".join(["the service is so bad again and my flight is delayed"] * 12)  # 132 tokens


def untrained_pipeline(**model):
    fix_random_seed(0)
    nlp = spacy.blank("en")
    nlp.add_pipe("lstm_sentiment", config={"pretrained": None, "model": {**SMALL_MODEL, **model}})
    nlp.initialize()
    return nlp


@pytest.mark.parametrize("bidirectional", [True, False])
@pytest.mark.parametrize("pooling", ["max", "mean", "last", "attention"])
@pytest.mark.parametrize("rnn_type", ["lstm", "gru", "peephole"])
def test_scores_do_not_depend_on_batch_mates(rnn_type, pooling, bidirectional):
    nlp = untrained_pipeline(rnn_type=rnn_type, pooling=pooling, bidirectional=bidirectional)
    pipe = nlp.get_pipe("lstm_sentiment")
    short, long, empty = nlp.make_doc(SHORT), nlp.make_doc(LONG), nlp.make_doc("")
    alone = pipe.predict([short])[0]
    long_alone = pipe.predict([long])[0]
    batched = pipe.predict([long, short, empty, short])
    assert numpy.abs(alone - long_alone).max() > 1e-4  # the docs do score differently
    numpy.testing.assert_allclose(batched[1], alone, atol=1e-5)
    numpy.testing.assert_allclose(batched[3], alone, atol=1e-5)
    numpy.testing.assert_allclose(batched[0], long_alone, atol=1e-5)
    numpy.testing.assert_allclose(batched[2], pipe.predict([empty])[0], atol=1e-5)


@pytest.mark.parametrize(
    "rnn_type,pooling,bidirectional",
    [("lstm", "max", True), ("gru", "last", True), ("peephole", "attention", True), ("lstm", "mean", False)],
)
def test_docs_longer_than_max_length_score_the_same_alone_and_batched(rnn_type, pooling, bidirectional):
    nlp = untrained_pipeline(rnn_type=rnn_type, pooling=pooling, bidirectional=bidirectional, max_length=8)
    pipe = nlp.get_pipe("lstm_sentiment")
    words = [w for t, _ in make_texts(6, seed=30) for w in t.split()]
    doc30 = nlp.make_doc(" ".join(words[:30]))
    assert len(doc30) == 30
    others = [nlp.make_doc(t) for t in ("great", "the gate is when", " ".join(words[:19]), "")]
    alone = pipe.predict([doc30])[0]
    for position in range(len(others) + 1):
        batch = others[:position] + [doc30] + others[position:]
        numpy.testing.assert_allclose(pipe.predict(batch)[position], alone, atol=1e-5)
    for i, other in enumerate(others):
        numpy.testing.assert_allclose(pipe.predict(others)[i], pipe.predict([other])[0], atol=1e-5)


# --- evaluation ----------------------------------------------------------------------------


def expected_prf(nlp, texts):
    """Per-label P/R/F of the argmax label, computed by hand."""
    predicted = [doc._.sentiment for doc in nlp.pipe(t for t, _ in texts)]
    gold = [g for _, g in texts]
    prf = {}
    for label in LABELS:
        tp = sum(p == g == label for p, g in zip(predicted, gold))
        n_pred = sum(p == label for p in predicted)
        n_gold = sum(g == label for g in gold)
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        prf[label] = {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0}
    return prf


EVAL_TEXTS = make_texts(30, seed=21)


def test_nlp_evaluate_reports_macro_f_and_per_label_prf(trained_nlp):
    scores = trained_nlp.evaluate(make_examples(trained_nlp, EVAL_TEXTS))
    expected = expected_prf(trained_nlp, EVAL_TEXTS)
    assert set(scores["cats_f_per_type"]) == set(LABELS)
    for label in LABELS:
        for key in "prf":
            assert scores["cats_f_per_type"][label][key] == pytest.approx(expected[label][key])
    macro_f = numpy.mean([expected[label]["f"] for label in LABELS])
    assert scores["cats_macro_f"] == pytest.approx(macro_f)
    assert scores["cats_score"] == pytest.approx(macro_f)  # exclusive classes: cats_score is macro F
    assert scores["cats_macro_f"] > 0.5  # a trained pipeline, not a constant


@pytest.mark.slow
def test_spacy_evaluate_cli(trained_nlp, trained_pipeline_dir, tmp_path):
    db = DocBin()
    for text, gold in EVAL_TEXTS:
        doc = trained_nlp.make_doc(text)
        doc.cats = {label: float(label == gold) for label in LABELS}
        db.add(doc)
    db.to_disk(tmp_path / "dev.spacy")
    cmd = [sys.executable, "-m", "spacy", "evaluate", str(trained_pipeline_dir), str(tmp_path / "dev.spacy"),
           "--output", str(tmp_path / "metrics.json")]
    result = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    expected = expected_prf(trained_nlp, EVAL_TEXTS)
    assert metrics["cats_macro_f"] == pytest.approx(numpy.mean([expected[label]["f"] for label in LABELS]))
    for label in LABELS:
        for key in "prf":
            assert metrics["cats_f_per_type"][label][key] == pytest.approx(expected[label][key])
    assert "negative" in result.stdout and "positive" in result.stdout
