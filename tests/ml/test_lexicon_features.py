"""A model that reads a sentiment lexicon: initialize, predict, save inside the weights, load without it."""
import shutil

import numpy
import pytest
import spacy
from thinc.api import fix_random_seed

from spacy_lstm_sentiment import WeightsError
from spacy_lstm_sentiment.ml.featurize.lexicon_table import SentimentLexicon
from spacy_lstm_sentiment.ml.serialization import tensors_from_bytes, tensors_to_bytes
from spacy_lstm_sentiment.pipeline.pretrained import shipped_lexicon

from conftest import LABELS, SMALL_MODEL, make_examples, make_texts

LEXICON_MODEL = {**SMALL_MODEL, "use_lexicon": True, "ngram_sizes": [1, 2], "ngram_rows": 1000}
PROBES = ["not bad at all", "I love it 😍", "worst flight", "", "   ", "GREAT!!!", "soooo good", "😡😡"]


def write_lexicon(folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "words.tsv").write_text("love\t3.2\ngreat\t3.1\ngood\t1.9\nbad\t-2.5\nworst\t-3.1\nhate\t-2.7\n")
    (folder / "ranking.csv").write_text(
        "Emoji,Occurrences,Negative,Neutral,Positive\n😍,100,5,15,80\n😡,100,70,20,10\n"
    )
    return {
        "@misc": "spacy-lstm-sentiment.lexicon.v1",
        "vader": None,
        "vader_emoji": None,
        "emoji_ranking": str(folder / "ranking.csv"),
        "tsv": [str(folder / "words.tsv")],
        "tsv_scale": 4.0,
        "function_words": "en",
    }


def train_with_lexicon(tmp_path, lang="en", lexicon_config=None, n_steps=15):
    fix_random_seed(0)
    nlp = spacy.blank(lang)
    nlp.add_pipe("lstm_sentiment", config={"pretrained": None, "model": LEXICON_MODEL})
    lexicon_config = lexicon_config or write_lexicon(tmp_path / "lexicon")
    nlp.config["initialize"]["components"]["lstm_sentiment"] = {"lexicon": lexicon_config}
    examples = make_examples(nlp, make_texts(60))
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(n_steps):
        nlp.update(examples, sgd=optimizer)
    return nlp


@pytest.fixture(scope="module")
def lexicon_nlp(tmp_path_factory):
    return train_with_lexicon(tmp_path_factory.mktemp("lex"))


def scores(nlp, texts=PROBES):
    return numpy.array([[doc.cats[label] for label in LABELS] for doc in nlp.pipe(texts)])


def test_predictions_are_distributions_for_every_input(lexicon_nlp):
    values = scores(lexicon_nlp)
    assert numpy.isfinite(values).all()
    numpy.testing.assert_allclose(values.sum(axis=1), 1.0, atol=1e-5)
    assert len(lexicon_nlp.get_pipe("lstm_sentiment").model.lexicon) >= 8


def test_the_lexicon_reaches_the_predictions(lexicon_nlp):
    pipe = lexicon_nlp.get_pipe("lstm_sentiment")
    before = scores(lexicon_nlp)
    original = pipe.model.lexicon
    flipped = SentimentLexicon(original.keys, -original.polarity, original.kinds)
    pipe.model.set_lexicon(flipped)
    try:
        assert not numpy.allclose(scores(lexicon_nlp), before, atol=1e-4)
    finally:
        pipe.model.set_lexicon(original)


def test_saved_inside_the_weights_and_loaded_without_the_word_lists(tmp_path):
    nlp = train_with_lexicon(tmp_path, n_steps=3)
    nlp.to_disk(tmp_path / "model")
    shutil.rmtree(tmp_path / "lexicon")  # the word lists are gone: loading must not need them
    assert sorted(p.name for p in (tmp_path / "model" / "lstm_sentiment").iterdir()) == ["cfg", "model.safetensors"]
    loaded = spacy.load(tmp_path / "model")
    numpy.testing.assert_allclose(scores(loaded), scores(nlp), atol=1e-6)
    fresh = spacy.util.load_model_from_config(nlp.config, auto_fill=True).from_bytes(nlp.to_bytes())
    numpy.testing.assert_allclose(scores(fresh), scores(nlp), atol=1e-6)


def test_a_model_that_reads_a_lexicon_needs_one_at_initialize_except_in_english():
    nlp = spacy.blank("de")
    nlp.add_pipe("lstm_sentiment", config={"pretrained": None, "model": LEXICON_MODEL})
    with pytest.raises(ValueError, match=r"initialize\.components\.lstm_sentiment\.lexicon"):
        nlp.initialize()
    english = spacy.blank("en")  # English pipelines read the lexicon shipped inside en_social
    english.add_pipe("lstm_sentiment", config={"pretrained": None, "model": LEXICON_MODEL})
    english.initialize()
    lexicon, shipped = english.get_pipe("lstm_sentiment").model.lexicon, shipped_lexicon("en_social")
    assert len(lexicon) > 1000 and numpy.array_equal(lexicon.keys, shipped.keys)


@pytest.fixture
def saved(lexicon_nlp, tmp_path):
    lexicon_nlp.to_disk(tmp_path / "model")
    return tmp_path / "model", tmp_path / "model" / "lstm_sentiment" / "model.safetensors"


def rewrite(weights, change):
    tensors = tensors_from_bytes(weights.read_bytes(), str(weights))
    change(tensors)
    weights.write_bytes(tensors_to_bytes(tensors))


@pytest.mark.parametrize(
    "change,message",
    [
        (lambda t: t.pop("lexicon.kinds"), "lexicon.kinds is missing"),
        (lambda t: t.update({"lexicon.polarity": t["lexicon.polarity"][:-1]}), "disagree in size"),
        (lambda t: t.update({"lexicon.keys": t["lexicon.keys"].int()}), "lexicon.keys"),
    ],
)
def test_a_tampered_lexicon_is_a_one_line_error_naming_the_file(saved, change, message):
    path, weights = saved
    rewrite(weights, change)
    with pytest.raises(WeightsError, match=message) as info:
        spacy.load(path)
    assert str(weights) in str(info.value) and "\n" not in str(info.value)


def test_lexicon_tables_under_a_config_without_a_lexicon_are_refused(saved, tmp_path):
    path, weights = saved
    plain = spacy.blank("en")
    plain.add_pipe("lstm_sentiment", config={"pretrained": None, "model": {**LEXICON_MODEL, "use_lexicon": False}})
    plain.initialize()
    plain.to_disk(tmp_path / "plain")
    shutil.copyfile(weights, tmp_path / "plain" / "lstm_sentiment" / "model.safetensors")
    with pytest.raises(WeightsError, match="use_lexicon = false"):
        spacy.load(tmp_path / "plain")


def test_any_language_with_its_own_word_list_and_no_function_words(tmp_path):
    folder = tmp_path / "de"
    folder.mkdir()
    (folder / "de.tsv").write_text("gut\t0.6\nschlecht\t-0.7\ntoll\t0.8\n")
    config = {"@misc": "spacy-lstm-sentiment.lexicon.v1", "vader": None, "vader_emoji": None,
              "emoji_ranking": None, "tsv": [str(folder / "de.tsv")], "tsv_scale": 1.0, "function_words": None}
    nlp = train_with_lexicon(tmp_path, lang="de", lexicon_config=config, n_steps=2)
    assert len(nlp.get_pipe("lstm_sentiment").model.lexicon) == 3
    doc = nlp("Das Essen war gut, der Service schlecht.")
    assert sum(doc.cats.values()) == pytest.approx(1.0, abs=1e-5)
