"""blind_identity_terms: identity terms are one placeholder token to the model, saved with the weights."""
import numpy
import pytest
import spacy
from thinc.api import fix_random_seed

from spacy_lstm_sentiment import WeightsError
from spacy_lstm_sentiment.ml.featurize.identity_terms import identity_terms
from spacy_lstm_sentiment.ml.serialization import tensors_from_bytes, tensors_to_bytes

from conftest import SMALL_MODEL, make_examples, make_texts

BLIND_MODEL = {**SMALL_MODEL, "blind_identity_terms": True, "ngram_sizes": [1, 2], "ngram_rows": 1000}
FRAMES = ["my {} neighbor helped me move, so kind", "the {} family next door is loud", "I met {} student"]
TERMS = ["Muslim", "Hindu", "gay", "straight", "Nigerian", "Korean", "Black", "Jewish", "trans", "Asian", "Indian"]


@pytest.fixture(scope="module")
def blind_nlp():
    fix_random_seed(0)
    nlp = spacy.blank("en")
    nlp.add_pipe("lstm_sentiment", config={"pretrained": None, "model": BLIND_MODEL})
    texts = make_texts(60) + [("the muslim crew was rude", "negative"), ("the hindu crew was great", "positive")]
    examples = make_examples(nlp, texts)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(15):
        nlp.update(examples, sgd=optimizer)
    return nlp


def scores(nlp, texts):
    return numpy.array([list(doc.cats.values()) for doc in nlp.pipe(texts)])


def test_posts_that_differ_only_in_the_identity_term_score_the_same(blind_nlp):
    for frame in FRAMES:
        if frame.endswith("{} student"):  # the article agrees with the term, and reads the same
            texts = [frame.format(("an " if term[0] in "AEIOU" else "a ") + term) for term in TERMS]
        else:
            texts = [frame.format(term) for term in TERMS]
        values = scores(blind_nlp, texts)
        numpy.testing.assert_allclose(values, numpy.repeat(values[:1], len(TERMS), axis=0), atol=1e-6)
    # other words still count
    assert not numpy.allclose(scores(blind_nlp, ["the crew was rude"]), scores(blind_nlp, ["the crew was great"]))


def test_the_built_in_list_covers_the_usual_groups():
    terms = identity_terms()
    assert {"muslim", "jewish", "gay", "lesbian", "trans", "black", "asian", "mexican", "nigerian"} <= terms
    assert all(term == term.lower() and " " not in term for term in terms)


def test_the_list_is_saved_with_the_weights_and_checked(blind_nlp, tmp_path):
    blind_nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    texts = [frame.format(term) for frame in FRAMES for term in TERMS]
    numpy.testing.assert_allclose(scores(loaded, texts), scores(blind_nlp, texts), atol=1e-6)
    weights = tmp_path / "model" / "lstm_sentiment" / "model.safetensors"
    tensors = tensors_from_bytes(weights.read_bytes(), str(weights))
    tensors["blinded.keys"] = tensors["blinded.keys"].float()
    weights.write_bytes(tensors_to_bytes(tensors))
    with pytest.raises(WeightsError, match="blinded.keys") as info:
        spacy.load(tmp_path / "model")
    assert str(weights) in str(info.value)
