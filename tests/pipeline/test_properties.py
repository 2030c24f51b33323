"""Properties of the scores for arbitrary text (lone surrogates, emoji, control characters, long
strings), through the surrogate-safe tokenizer: a distribution for every text, the same whatever
the batch, for a span as for its text alone, and after a save/load round trip."""
import math

import pytest
import spacy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from spacy_lstm_sentiment.text.repair import replace_surrogates
from spacy_lstm_sentiment.text.tokenizer import NAME, SurrogateSafeTokenizer

from conftest import train_small_pipeline
from hardening_models import FULL_FEATURES, give_lexicon

TOLERANCE = 1e-5
CHARS = st.one_of(
    st.characters(),  # any code point but surrogates
    st.characters(categories=["Cs"]),  # lone surrogates
    st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"]),  # control, format, space characters
)
PIECES = st.one_of(
    st.text(CHARS, max_size=12),
    st.sampled_from(["😀", "🔥🔥", "👍🏽", "👨‍👩‍👧", "🇺🇸", "❤️", ":)", "<3", "\ud83d", "\ude00\ud83d"]),
    st.sampled_from(["love", "great", "hate", "not", "bad", "so", "the", "crew", "muslim", "an", "#blessed"]),
    st.sampled_from(["@united", "http://t.co/x", "LOVE", "soooo", "!!!", "...", " ", "\n", "\t"]),
)
TEXTS = st.one_of(
    st.text(CHARS, max_size=60),
    st.lists(PIECES, max_size=16).map(" ".join),
    st.lists(PIECES, max_size=16).map("".join),
    st.builds(lambda piece, times: piece * times, st.text(CHARS, min_size=1, max_size=6), st.integers(40, 400)),
)
SETTINGS = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    """(trained, loaded): a model with every optional part, read in chunks of 16 tokens, with the
    surrogate-safe tokenizer; and the same model saved and loaded back."""
    nlp = train_small_pipeline(n_steps=6, seed=5, prepare=give_lexicon, max_length=16, **FULL_FEATURES)
    nlp.tokenizer = SurrogateSafeTokenizer(nlp.tokenizer)
    path = tmp_path_factory.mktemp("properties") / "model"
    nlp.to_disk(path)
    return nlp, spacy.load(path, config={"nlp": {"tokenizer": {"@tokenizers": NAME}}})


def cats_of(nlp, texts, **pipe_options):
    return [doc.cats for doc in nlp.pipe(texts, **pipe_options)]


def assert_close(got, want):
    assert list(got) == list(want)
    assert all(abs(got[label] - want[label]) <= TOLERANCE for label in want), (got, want)


@settings(max_examples=800, **SETTINGS)
@given(text=TEXTS)
def test_every_text_gets_a_finite_distribution(models, text):
    nlp, _ = models
    doc = nlp(text)
    assert doc.text == replace_surrogates(text)
    values = list(doc.cats.values())
    assert list(doc.cats) == list(nlp.get_pipe("lstm_sentiment").labels)
    assert all(math.isfinite(value) and 0.0 <= value <= 1.0 for value in values)
    assert abs(sum(values) - 1.0) <= TOLERANCE


@settings(max_examples=250, **SETTINGS)
@given(
    text=TEXTS,
    others=st.lists(TEXTS, max_size=8),
    position=st.integers(0, 8),
    batch_size=st.sampled_from([1, 2, 3, 8, 128]),
    inference_batch_size=st.sampled_from([1, 2, 5, 1024]),
)
def test_scores_do_not_depend_on_the_batch(models, text, others, position, batch_size, inference_batch_size):
    nlp, _ = models
    position = min(position, len(others))
    batch = others[:position] + [text] + others[position:]
    component_cfg = {"lstm_sentiment": {"inference_batch_size": inference_batch_size}}
    in_batch = cats_of(nlp, batch, batch_size=batch_size, component_cfg=component_cfg)[position]
    assert_close(in_batch, cats_of(nlp, [text])[0])


@settings(max_examples=300, **SETTINGS)
@given(text=st.lists(PIECES, min_size=2, max_size=16).map(" ".join), bounds=st.tuples(st.floats(0, 1), st.floats(0, 1)))
def test_a_span_scores_as_its_text_alone(models, text, bounds):
    nlp, _ = models
    doc = nlp(text)
    start, end = sorted(int(bound * len(doc)) for bound in bounds)
    assume(end > start)
    span = doc[start:end]
    alone = nlp(span.text)
    assume([token.text for token in alone] == [token.text for token in span])  # re-tokenized alike
    (cats,) = nlp.get_pipe("lstm_sentiment").score_spans([span])
    assert_close(cats, alone.cats)
    assert span._.cats == cats


@settings(max_examples=120, **SETTINGS)
@given(texts=st.lists(TEXTS, min_size=1, max_size=8))
def test_a_saved_and_loaded_model_scores_the_same(models, texts):
    trained, loaded = models
    assert isinstance(loaded.tokenizer, SurrogateSafeTokenizer)
    for got, want in zip(cats_of(loaded, texts), cats_of(trained, texts)):
        assert_close(got, want)
