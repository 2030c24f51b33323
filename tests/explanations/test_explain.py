"""explain: an attribution for every token and label, faithful to the whole model, opt-in."""
import numpy
import pytest

from spacy_lstm_sentiment import explain
from spacy_lstm_sentiment.explanations.explain_docs import ATTRIBUTION_TOTALS

from conftest import LABELS, SMALL_MODEL, make_texts, train_small_pipeline

TEXTS = ["I love this airline", "", "   ", "😀😀🔥", "the crew was rude and my bag was lost", "when is boarding?"]


@pytest.fixture(scope="module", params=["plain", "ngrams"])
def nlp(request):
    extra = {"ngram_sizes": [1, 2], "ngram_rows": 1000} if request.param == "ngrams" else {}
    return train_small_pipeline(n_steps=150, seed=0, **extra)


def test_every_token_of_every_doc_gets_an_attribution_per_label(nlp):
    docs = list(explain(nlp, TEXTS))
    assert [doc.text for doc in docs] == TEXTS
    for doc in docs:
        assert doc.cats and sum(doc.cats.values()) == pytest.approx(1.0, abs=1e-5)
        for token in doc:
            assert set(token._.attribution) == set(LABELS)
            assert all(numpy.isfinite(value) for value in token._.attribution.values())
    assert all(value == 0.0 for value in docs[2][0]._.attribution.values())  # whitespace: no evidence


def test_attributions_add_up_to_the_score_they_explain(nlp):
    for doc in explain(nlp, TEXTS + [t for t, _ in make_texts(10, seed=5)], steps=256):
        totals = doc.user_data[ATTRIBUTION_TOTALS]
        for label in LABELS:
            explained = totals["logits"][label] - totals["baseline"][label]
            tolerance = max(0.03, 0.01 * abs(explained))  # the RNN part's integration error
            assert sum(token._.attribution[label] for token in doc) == pytest.approx(explained, abs=tolerance)
        centered = numpy.log([doc.cats[label] for label in LABELS])
        centered -= centered.mean()
        numpy.testing.assert_allclose(centered, [totals["logits"][label] for label in LABELS], atol=1e-4)


def test_the_sentiment_word_of_a_clear_post_gets_the_top_attribution(nlp):
    (doc,) = explain(nlp, ["I love this airline"])
    assert doc._.sentiment == "positive"
    assert max(doc, key=lambda token: token._.attribution["positive"]).text == "love"


def test_explaining_is_opt_in(nlp):
    doc = nlp("I love this airline")
    assert all(token._.attribution is None for token in doc)


def test_docs_are_explained_as_given_and_texts_run_through_the_pipeline():
    nlp = train_small_pipeline(n_steps=5, seed=1, **{**SMALL_MODEL, "bidirectional": False})
    scored = nlp("thanks for the great crew")
    (again,) = explain(nlp, [scored])
    assert again is scored and again[3]._.attribution is not None
