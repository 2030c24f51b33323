"""Labels: defaults, from examples, explicit, from the initialize config, added by hand, added later."""
import numpy
import pytest
import spacy
import torch
from spacy.training import Example

from conftest import LABELS, SMALL_MODEL, make_examples, make_texts, train_small_pipeline

PROBE_TEXTS = [t for t, _ in make_texts(4, seed=42)]


def blank_small(**model):
    nlp = spacy.blank("en")
    nlp.add_pipe("lstm_sentiment", config={"pretrained": None, "model": {**SMALL_MODEL, **model}})
    return nlp


def n_outputs(nlp) -> int:
    return nlp.get_pipe("lstm_sentiment").model.net.n_labels


def test_default_labels_without_examples():
    nlp = blank_small()
    nlp.initialize()
    assert list(nlp.get_pipe("lstm_sentiment").labels) == ["negative", "neutral", "positive"]
    assert n_outputs(nlp) == 3
    doc = nlp("fine")
    assert set(doc.cats) == {"negative", "neutral", "positive"}


def test_labels_from_examples_five_stars():
    nlp = blank_small()
    stars = ["1", "2", "3", "4", "5"]
    examples = [
        Example.from_dict(nlp.make_doc(text), {"cats": {s: float(s == stars[i % 5]) for s in stars}})
        for i, (text, _) in enumerate(make_texts(10))
    ]
    optimizer = nlp.initialize(lambda: examples)
    nlp.update(examples, sgd=optimizer)
    assert list(nlp.get_pipe("lstm_sentiment").labels) == stars
    assert n_outputs(nlp) == 5
    for doc in nlp.pipe(["great crew", "", "worst airline"]):
        assert sorted(doc.cats) == stars
        assert sum(doc.cats.values()) == pytest.approx(1.0, abs=1e-5)
        assert doc._.polarity is None
        assert doc._.sentiment == max(doc.cats, key=doc.cats.get)


def test_explicit_labels_win_over_examples():
    nlp = blank_small()
    examples = make_examples(nlp, make_texts(6))
    nlp.get_pipe("lstm_sentiment").initialize(lambda: examples, nlp=nlp, labels=["pos", "neg"])
    assert list(nlp.get_pipe("lstm_sentiment").labels) == ["pos", "neg"]
    assert n_outputs(nlp) == 2
    assert set(nlp("ok").cats) == {"pos", "neg"}


def test_labels_from_the_initialize_config_section():
    nlp = blank_small()
    nlp.config["initialize"]["components"]["lstm_sentiment"] = {"labels": ["bad", "meh", "good", "great"]}
    nlp.initialize()
    assert list(nlp.get_pipe("lstm_sentiment").labels) == ["bad", "meh", "good", "great"]
    assert n_outputs(nlp) == 4


def mixed_examples(nlp):
    examples = make_examples(nlp, make_texts(6, seed=12))
    gold = {"mixed": 1.0, **{label: 0.0 for label in LABELS}}
    examples.append(Example.from_dict(nlp.make_doc("good but late"), {"cats": gold}))
    return examples


def test_add_label_after_initialize_resizes_the_output():
    nlp = train_small_pipeline(n_steps=3, seed=8)
    pipe = nlp.get_pipe("lstm_sentiment")
    docs = [nlp.make_doc(t) for t in PROBE_TEXTS[:4]]
    old_weight = pipe.model.net.output.weight.detach().clone()
    assert pipe.add_label("mixed") == 1
    assert pipe.add_label("mixed") == 0
    assert n_outputs(nlp) == 4 and pipe.model.get_dim("nO") == 4
    torch.testing.assert_close(pipe.model.net.output.weight[:3].detach(), old_weight)
    assert pipe.predict(docs).shape == (4, 4)
    optimizer = nlp.create_optimizer()
    losses = {}
    for _ in range(3):
        nlp.update(mixed_examples(nlp), sgd=optimizer, losses=losses)
    assert numpy.isfinite(losses["lstm_sentiment"])
    doc = nlp("good but late")
    assert set(doc.cats) == set(LABELS) | {"mixed"}
    assert sum(doc.cats.values()) == pytest.approx(1.0, abs=1e-5)


def test_add_label_then_continue_training_with_the_same_optimizer():
    nlp = spacy.blank("en")
    nlp.add_pipe("lstm_sentiment", config={"pretrained": None, "model": SMALL_MODEL})
    examples = make_examples(nlp, make_texts(6, seed=13))
    optimizer = nlp.initialize(lambda: examples)
    nlp.update(examples, sgd=optimizer)
    nlp.get_pipe("lstm_sentiment").add_label("mixed")
    losses = {}
    nlp.update(mixed_examples(nlp), sgd=nlp.resume_training(), losses=losses)
    assert numpy.isfinite(losses["lstm_sentiment"])


def test_labels_added_by_hand_replace_the_defaults():
    """As spaCy's textcat: add_label before initialize decides the label set."""
    nlp = blank_small()
    pipe = nlp.get_pipe("lstm_sentiment")
    pipe.add_label("1star")
    pipe.add_label("5star")
    nlp.initialize()
    assert list(pipe.labels) == ["1star", "5star"]
    assert n_outputs(nlp) == 2
    assert set(nlp("fine").cats) == {"1star", "5star"}


def test_soft_gold_labels_train_and_invalid_ones_are_refused():
    nlp = blank_small()
    soft = {"negative": 0.0, "neutral": 0.5, "positive": 0.5}
    examples = make_examples(nlp, make_texts(6)) + [Example.from_dict(nlp.make_doc("not bad"), {"cats": soft})]
    optimizer = nlp.initialize(lambda: examples)
    losses = {}
    nlp.update(examples, sgd=optimizer, losses=losses)
    assert numpy.isfinite(losses["lstm_sentiment"])
    pipe = nlp.get_pipe("lstm_sentiment")
    scores = pipe.predict([eg.predicted for eg in examples])
    loss, gradient = pipe.get_loss(examples, scores)
    truths = numpy.array([[eg.reference.cats[label] for label in pipe.labels] for eg in examples])
    numpy.testing.assert_allclose(gradient, (scores - truths) / len(examples), atol=1e-6)
    too_much = {"negative": 0.0, "neutral": 0.8, "positive": 0.8}
    below_zero = {"negative": -0.5, "neutral": 1.0, "positive": 0.5}
    for bad in (too_much, below_zero):
        with pytest.raises(ValueError, match="sum to 1"):
            nlp.update([Example.from_dict(nlp.make_doc("x"), {"cats": bad})], sgd=optimizer)
