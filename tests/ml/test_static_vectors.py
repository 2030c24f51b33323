"""Static vectors from the vocab are concatenated to the hashed embeddings when asked for."""
import numpy
import pytest
import spacy
from thinc.api import fix_random_seed

from conftest import SMALL_MODEL, make_examples, make_texts

WIDTH = 5


def _nlp_with_vectors(include: bool, with_vectors: bool = True):
    fix_random_seed(0)
    nlp = spacy.blank("en")
    if with_vectors:
        rng = numpy.random.default_rng(0)
        for word in ["love", "great", "hate", "awful", "gate", "when"]:
            nlp.vocab.set_vector(word, rng.normal(size=WIDTH).astype("float32"))
    model = {**SMALL_MODEL, "include_static_vectors": include}
    nlp.add_pipe("lstm_sentiment", config={"pretrained": None, "model": model})
    examples = make_examples(nlp, make_texts(30))
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(5):
        nlp.update(examples, sgd=optimizer)
    return nlp


def test_vectors_widen_the_rnn_input():
    with_vectors = _nlp_with_vectors(include=True)
    net = with_vectors.get_pipe("lstm_sentiment").model.net
    assert net.static_width == WIDTH
    without = _nlp_with_vectors(include=False).get_pipe("lstm_sentiment").model.net
    assert without.static_width == 0
    first_input = next(p for n, p in net.named_parameters() if n.endswith("weight_ih_l0"))
    first_input_plain = next(p for n, p in without.named_parameters() if n.endswith("weight_ih_l0"))
    assert first_input.shape[1] == first_input_plain.shape[1] + WIDTH


def test_predictions_read_the_vectors():
    nlp = _nlp_with_vectors(include=True)
    before = nlp("love").cats
    nlp.vocab.set_vector("love", numpy.full(WIDTH, 3.0, dtype="float32"))
    assert nlp("love").cats != pytest.approx(before, abs=1e-4)


def test_vectors_round_trip_through_disk(tmp_path):
    nlp = _nlp_with_vectors(include=True)
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert loaded.get_pipe("lstm_sentiment").model.net.static_width == WIDTH
    for text in ["I love this gate", "words without vectors", ""]:
        assert loaded(text).cats == pytest.approx(nlp(text).cats, abs=1e-6)


def test_asking_for_vectors_without_any_in_the_vocab_still_works():
    nlp = _nlp_with_vectors(include=True, with_vectors=False)
    assert nlp.get_pipe("lstm_sentiment").model.net.static_width == 0
    assert sum(nlp("great crew").cats.values()) == pytest.approx(1.0, abs=1e-5)
