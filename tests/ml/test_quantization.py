"""quantize_inference: CPU predictions from an int8 copy that follows the fp32 weights."""
import numpy
import pytest
import spacy
from thinc.api import fix_random_seed

from conftest import SMALL_MODEL, make_examples, make_texts, train_small_pipeline

TEXTS = [text for text, _ in make_texts(24, seed=7)] + ["", "😀"]


def _scores(nlp):
    return numpy.array([[doc.cats[label] for label in sorted(doc.cats)] for doc in nlp.pipe(TEXTS)])


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "model"
    train_small_pipeline(n_steps=30).to_disk(path)
    quantized = {"components": {"lstm_sentiment": {"model": {"quantize_inference": True}}}}
    return spacy.load(path), spacy.load(path, config=quantized)


def test_int8_predictions_are_close_to_fp32_and_sum_to_one(pair):
    fp32, int8 = _scores(pair[0]), _scores(pair[1])
    numpy.testing.assert_allclose(int8.sum(axis=1), 1.0, atol=1e-5)
    assert numpy.abs(int8 - fp32).max() < 0.05
    assert (int8.argmax(axis=1) == fp32.argmax(axis=1)).mean() >= 0.9


def test_int8_copy_is_rebuilt_after_the_weights_change():
    fix_random_seed(0)
    nlp = spacy.blank("en")
    nlp.add_pipe("lstm_sentiment", config={"pretrained": None, "model": {**SMALL_MODEL, "quantize_inference": True}})
    examples = make_examples(nlp, make_texts(30))
    optimizer = nlp.initialize(lambda: examples)
    before = _scores(nlp)
    for _ in range(40):
        nlp.update(examples, sgd=optimizer)
    after = _scores(nlp)
    assert numpy.abs(after - before).max() > 0.03
    reference = spacy.blank("en")
    reference.add_pipe("lstm_sentiment", config={"pretrained": None, "model": SMALL_MODEL})
    reference.initialize(lambda: examples)
    reference.get_pipe("lstm_sentiment").from_bytes(nlp.get_pipe("lstm_sentiment").to_bytes())
    assert numpy.abs(after - _scores(reference)).max() < 0.01  # int8 of the new weights, not the old
