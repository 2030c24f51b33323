"""Span and sentence scores: the same model as the doc, batched, stored with the doc; on access only when asked."""
import subprocess
import sys

import numpy
import pytest
import spacy
from spacy.tokens import DocBin

from conftest import LABELS, train_small_pipeline

POST = "I love this airline. The flight was delayed again, so bad! When is boarding? Thanks anyway."


@pytest.fixture(scope="module")
def nlp():
    pipeline = train_small_pipeline(n_steps=20, seed=4)
    pipeline.add_pipe("sentencizer", first=True)
    return pipeline


@pytest.fixture
def on_access(nlp):
    pipe = nlp.get_pipe("lstm_sentiment")
    pipe.span_scores_on_access = True
    yield nlp
    pipe.span_scores_on_access = False


def as_array(cats):
    return numpy.array([cats[label] for label in LABELS])


def test_a_span_scores_like_its_text_alone(on_access):
    nlp = on_access
    doc = nlp(POST)
    for span in [doc[0:4], doc[5:11], doc[2:9], *doc.sents]:
        alone = nlp(span.text)
        numpy.testing.assert_allclose(as_array(span._.cats), as_array(alone.cats), atol=1e-5)
        assert sum(span._.cats.values()) == pytest.approx(1.0, abs=1e-5)
        assert span._.sentiment == max(span._.cats, key=span._.cats.get)
        assert span._.polarity == pytest.approx(span._.cats["positive"] - span._.cats["negative"], abs=1e-6)


def test_score_sentences_scores_them_in_the_batch_and_equals_lazy_scoring(on_access, monkeypatch):
    nlp = on_access
    pipe = nlp.get_pipe("lstm_sentiment")
    texts = [POST, "so bad", "Great crew. Lost bag."]
    lazy = [[as_array(sent._.cats) for sent in doc.sents] for doc in nlp.pipe(texts)]
    monkeypatch.setattr(pipe, "score_sentences", True)
    calls = []
    predict = pipe.predict
    monkeypatch.setattr(pipe, "predict", lambda items: calls.append(len(list(items))) or predict(items))
    docs = list(nlp.pipe(texts))
    assert calls == [3 + 4 + 2]  # one batch: three docs, their sentences (a one-sentence doc reuses its own)
    monkeypatch.setattr(pipe, "score_spans", lambda spans: pytest.fail("scored again on access"))
    batched = [[as_array(sent._.cats) for sent in doc.sents] for doc in docs]
    for want, got in zip(lazy, batched):
        numpy.testing.assert_allclose(numpy.array(got), numpy.array(want), atol=1e-5)


def test_sentence_scores_travel_with_the_doc(nlp):
    pipe = nlp.get_pipe("lstm_sentiment")
    pipe.score_sentences = True
    try:
        doc = nlp(POST)
    finally:
        pipe.score_sentences = False
    expected = [sent._.cats for sent in doc.sents]
    again = list(DocBin(docs=[doc], store_user_data=True).get_docs(spacy.blank("en").vocab))[0]
    assert [sent._.cats for sent in again.sents] == expected


def test_spans_of_a_doc_no_component_scored_have_no_scores(nlp):
    doc = spacy.blank("en")("just a doc")
    assert doc[0:2]._.cats is None and doc[0:2]._.sentiment is None and doc[0:2]._.polarity is None


def test_reading_span_cats_never_runs_the_model_by_default(nlp, monkeypatch):
    pipe = nlp.get_pipe("lstm_sentiment")
    assert pipe.span_scores_on_access is False
    assert nlp.config["components"]["lstm_sentiment"]["span_scores_on_access"] is False
    doc = nlp(POST)
    monkeypatch.setattr(pipe, "predict", lambda items: pytest.fail("the model ran on attribute access"))
    assert doc[0:4]._.cats is None and doc[0:4]._.sentiment is None
    assert all(sent._.cats is None for sent in doc.sents)
    monkeypatch.undo()
    stored = pipe.score_spans([doc[0:4]])  # explicit scoring stores the scores, which are then read
    assert doc[0:4]._.cats == stored[0]


def test_the_setting_travels_in_the_config(tmp_path):
    nlp = train_small_pipeline(n_steps=2, seed=4)
    nlp.add_pipe("sentencizer", first=True)
    nlp.get_pipe("lstm_sentiment").span_scores_on_access = True  # runtime only, as score_sentences
    nlp.to_disk(tmp_path / "off")
    assert spacy.load(tmp_path / "off").get_pipe("lstm_sentiment").span_scores_on_access is False
    on = spacy.load(tmp_path / "off", config={"components": {"lstm_sentiment": {"span_scores_on_access": True}}})
    doc = on(POST)
    assert doc[0:4]._.cats is not None


def test_no_registry_of_components_exists_while_the_setting_is_off(tmp_path):
    code = (
        "import spacy\n"
        "from spacy_lstm_sentiment.pipeline import span_scores\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('sentencizer')\n"
        "nlp.add_pipe('lstm_sentiment')\n"
        "doc = nlp('Good crew. Bad food.')\n"
        "assert doc[0:2]._.cats is None and [s._.cats for s in doc.sents] == [None, None]\n"
        "print(span_scores._scorers_on_access)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None"
