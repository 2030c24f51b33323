"""`nlp.pipe` with the model running in a worker thread (overlap_inference) loses nothing."""
import pytest
from spacy.util import raise_error

from conftest import make_texts


def _scores(nlp, texts, batch_size):
    return [doc.cats for doc in nlp.pipe(texts, batch_size=batch_size)]


@pytest.mark.parametrize("batch_size", [1, 7, 64])
def test_overlapped_pipe_equals_plain_pipe_in_order(trained_nlp, batch_size):
    component = trained_nlp.get_pipe("lstm_sentiment")
    texts = [text for text, _ in make_texts(50, seed=3)] + ["", "😀", "one more"]
    assert component.overlap_inference
    overlapped = _scores(trained_nlp, texts, batch_size)
    component.overlap_inference = False
    try:
        plain = _scores(trained_nlp, texts, batch_size)
    finally:
        component.overlap_inference = True
    assert len(overlapped) == len(texts)
    for got, want in zip(overlapped, plain):
        assert got == pytest.approx(want, abs=1e-6)
    assert [doc.text for doc in trained_nlp.pipe(texts, batch_size=batch_size)] == texts


def test_errors_in_the_worker_reach_the_error_handler(trained_nlp, monkeypatch):
    component = trained_nlp.get_pipe("lstm_sentiment")

    def broken_predict(docs):
        raise RuntimeError("model failed")

    monkeypatch.setattr(component, "predict", broken_predict)
    with pytest.raises(RuntimeError, match="model failed"):
        list(trained_nlp.pipe(["a", "b"]))
    seen = []
    component.set_error_handler(lambda name, proc, docs, err: seen.append((name, len(docs), str(err))))
    try:
        list(trained_nlp.pipe(["a", "b", "c"], batch_size=2))
    finally:
        component.set_error_handler(raise_error)
    assert seen == [("lstm_sentiment", 2, "model failed"), ("lstm_sentiment", 1, "model failed")]
