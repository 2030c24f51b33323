"""Inputs at the edges: empty and whitespace docs, emoji, huge docs, broken encodings, other languages."""
import time

import numpy
import pytest
import spacy

from conftest import LABELS, SMALL_MODEL, make_texts, train_small_pipeline


def assert_distribution(doc, labels=LABELS):
    assert list(doc.cats) == list(labels)
    values = numpy.array(list(doc.cats.values()))
    assert numpy.isfinite(values).all()
    assert ((values >= 0) & (values <= 1)).all()
    assert values.sum() == pytest.approx(1.0, abs=1e-5)
    assert doc._.sentiment in labels


@pytest.mark.parametrize(
    "text",
    ["", " ", "   \n\t  ", "\n", "😀🔥🙏", ":) :( <3", "!!!???", "a", "x" * 5000, "#blessed @united http://t.co/x"],
    ids=["empty", "space", "whitespace", "newline", "emoji", "emoticons", "punct", "one-char", "long-token", "twitter"],
)
def test_odd_texts_get_a_distribution(trained_nlp, text):
    doc = trained_nlp(text)
    assert_distribution(doc)
    assert -1.0 <= doc._.polarity <= 1.0


def test_empty_doc_gets_a_distribution_not_zeros(trained_nlp):
    doc = trained_nlp("")
    assert len(doc) == 0
    assert max(doc.cats.values()) > 0
    assert max(doc.cats.values()) < 1  # not a spurious certainty either


def test_batch_of_only_empty_docs(trained_nlp):
    docs = list(trained_nlp.pipe(["", "", ""]))
    assert len(docs) == 3
    alone = trained_nlp("").cats
    for doc in docs:
        assert_distribution(doc)
        assert doc.cats == pytest.approx(alone, abs=1e-6)


@pytest.mark.parametrize("text", [" ", "   ", "\n", " \n\t \n", "\u3000"], ids=repr)
def test_whitespace_only_docs_read_like_the_empty_doc(trained_nlp, text):
    """Whitespace carries no evidence: every whitespace-only post gets the empty doc's prior, not
    a guess that depends on how many spaces or newlines it holds."""
    assert len(trained_nlp.make_doc(text)) > 0
    assert trained_nlp(text).cats == pytest.approx(trained_nlp("").cats, abs=1e-6)
    batch = list(trained_nlp.pipe(["", text, "worst airline", text]))
    assert batch[1].cats == pytest.approx(batch[0].cats, abs=1e-6)
    assert batch[3].cats == pytest.approx(batch[0].cats, abs=1e-6)


def test_empty_docs_between_real_docs(trained_nlp):
    texts = ["", "great crew", "", " ", "worst airline", ""]
    for doc, text in zip(trained_nlp.pipe(texts, batch_size=6), texts):
        assert doc.cats == pytest.approx(trained_nlp(text).cats, abs=1e-6)


def test_empty_input_stream(trained_nlp):
    assert list(trained_nlp.pipe([])) == []


def test_hundred_thousand_token_doc(trained_nlp):
    words = [w for t, _ in make_texts(300, seed=50) for w in t.split()]
    text = " ".join((words * (100_000 // len(words) + 1))[:100_000])
    doc = trained_nlp.make_doc(text)
    assert len(doc) == 100_000
    start = time.perf_counter()
    doc = trained_nlp.get_pipe("lstm_sentiment")(doc)
    elapsed = time.perf_counter() - start
    assert_distribution(doc)
    assert elapsed < 30, f"100k tokens took {elapsed:.1f}s"


def test_lone_surrogates_fail_in_spacys_tokenizer_not_in_the_component(trained_nlp):
    """spaCy's tokenizer cannot hash a lone surrogate (UTF-8 has no encoding for it): the error comes
    from make_doc, before the component runs. Text repaired the usual way scores normally."""
    broken = "caf\udce9"
    with pytest.raises(UnicodeEncodeError):
        trained_nlp.make_doc(broken)
    with pytest.raises(UnicodeEncodeError):
        trained_nlp(broken)
    repaired = broken.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    assert repaired == "caf\ufffd"
    assert_distribution(trained_nlp(repaired))


@pytest.mark.parametrize(
    "text", ["cafÃ© was great", "\ufffd\ufffd", "caf\u00e9 na\u0308ive", "\u200b\u200d", "\x00\x01"]
)
def test_mojibake_and_control_characters(trained_nlp, text):
    assert_distribution(trained_nlp(text))


@pytest.mark.parametrize("lang", ["de", "xx", "zh"])
def test_other_languages(lang):
    nlp = spacy.blank(lang)
    nlp.add_pipe("lstm_sentiment", config={"pretrained": None, "model": SMALL_MODEL})
    nlp.initialize()
    for doc in nlp.pipe(["Das war wirklich gut", "", "👍", "这个航班太糟糕了"]):
        assert_distribution(doc)




@pytest.fixture(scope="module", params=[[1, 2], [2], [2, 3]], ids=lambda sizes: "ngrams" + "".join(map(str, sizes)))
def ngram_nlp(request):
    return train_small_pipeline(n_steps=1, seed=3, ngram_sizes=request.param, ngram_rows=500)


def test_ngram_bag_batch_with_short_and_empty_docs(ngram_nlp):
    texts = ["", "hi", "great crew", "so very bad again", " "]
    for doc in ngram_nlp.pipe(texts):
        assert_distribution(doc)


@pytest.mark.parametrize("text", ["", "hi", "great crew", "so very bad"])
def test_ngram_bag_doc_alone_shorter_than_the_ngrams(ngram_nlp, text):
    assert_distribution(ngram_nlp(text))
    batched = list(ngram_nlp.pipe([text, "so very bad again today"]))[0]
    assert batched.cats == pytest.approx(ngram_nlp(text).cats, abs=1e-6)
