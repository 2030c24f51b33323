"""The shipped en_social model: one-line use, its files against its model card, its size and format."""
import json
import pickle

import pytest
import spacy

from spacy_lstm_sentiment import explain
from spacy_lstm_sentiment.evaluation.model_card import CARD_FILE, file_hashes, listed_hashes
from spacy_lstm_sentiment.ml.serialization import COMPACT_FORMAT_VERSION, format_version
from spacy_lstm_sentiment.pipeline.pretrained import SHIPPED_DIR, shipped_models

from conftest import LABELS

EN_SOCIAL = SHIPPED_DIR / "en_social"
UNAMBIGUOUS = {
    "I love this, best day ever!!": "positive",
    "thank you so much, the crew was amazing 😍": "positive",
    "worst service ever, I hate this airline": "negative",
    "my flight was cancelled and they lost my bag, terrible 😡": "negative",
    "the meeting is at 3pm in room 4": "neutral",
    "what time does the store open tomorrow?": "neutral",
}


@pytest.fixture(scope="module")
def one_line():
    nlp = spacy.blank("en")
    nlp.add_pipe("lstm_sentiment")
    return nlp


def test_en_social_is_shipped_with_the_package():
    assert "en_social" in shipped_models()
    assert (EN_SOCIAL / "config.cfg").is_file() and (EN_SOCIAL / CARD_FILE).is_file()


def test_one_line_on_a_blank_pipeline_scores_unambiguous_posts(one_line):
    pipe = one_line.get_pipe("lstm_sentiment")
    assert pipe.pretrained == "en_social" and list(pipe.labels) == LABELS
    for text, expected in UNAMBIGUOUS.items():
        doc = one_line(text)
        assert doc._.sentiment == expected, (text, doc.cats)
        assert sum(doc.cats.values()) == pytest.approx(1.0, abs=1e-5)
    assert one_line("I love it")._.polarity > 0.3 > -0.3 > one_line("I hate it")._.polarity


def test_one_line_on_a_pipeline_with_sentences_and_explain(one_line):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lstm_sentiment", config={"score_sentences": True})
    doc = nlp("The crew was lovely and kind. The food was cold and awful.")
    sentiments = [sent._.sentiment for sent in doc.sents]
    assert sentiments == ["positive", "negative"]
    explained = next(iter(explain(nlp, ["the crew was lovely"])))
    lovely = next(token for token in explained if token.text == "lovely")
    assert lovely._.attribution["positive"] > 0
    assert doc.cats == pytest.approx(one_line(doc.text).cats, abs=1e-6)  # same weights in both pipelines


def test_the_shipped_files_are_the_ones_the_model_card_lists():
    listed = listed_hashes((EN_SOCIAL / CARD_FILE).read_text(encoding="utf8"))
    assert listed and listed == file_hashes(EN_SOCIAL)


def test_the_shipped_model_is_small_and_stored_compactly():
    size = sum(path.stat().st_size for path in EN_SOCIAL.rglob("*") if path.is_file())
    assert size <= 10 * 2**20
    weights = EN_SOCIAL / "lstm_sentiment" / "model.safetensors"
    assert format_version(weights.read_bytes(), str(weights)) == COMPACT_FORMAT_VERSION
    meta = json.loads((EN_SOCIAL / "meta.json").read_text(encoding="utf8"))
    assert meta["name"] == "en_social" and meta["license"] == "MIT"
    assert json.loads((EN_SOCIAL / "vocab" / "strings.json").read_text(encoding="utf8")).__len__() < 5000


def test_a_pipeline_holding_en_social_pickles_and_scores_the_same(one_line):
    copy = pickle.loads(pickle.dumps(one_line))
    text = "not bad at all 👍"
    assert copy(text).cats == pytest.approx(one_line(text).cats, abs=1e-7)


@pytest.mark.slow
def test_n_process_2_under_spawn_scores_as_one_process(one_line):
    import multiprocessing

    texts = list(UNAMBIGUOUS) * 4
    previous = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method("spawn", force=True)
    try:
        docs = list(one_line.pipe(texts, n_process=2, batch_size=4))
    finally:
        multiprocessing.set_start_method(previous, force=True)
    assert [doc._.sentiment for doc in docs] == [one_line(text)._.sentiment for text in texts]
