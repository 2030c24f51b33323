"""The surrogate-safe tokenizer: `nlp(text)` with lone surrogates reads the text batch scoring writes."""
import pickle
import subprocess
import sys

import pytest
import spacy

from spacy_lstm_sentiment import score_records
from spacy_lstm_sentiment.text.tokenizer import NAME, SurrogateSafeTokenizer

SAFE = {"nlp": {"tokenizer": {"@tokenizers": NAME}}}
BROKEN = {
    "hello \ud83d world": "hello \ufffd world",  # a lone high surrogate (a JSON "\ud83d" escape)
    "caf\udce9 was awful": "caf\ufffd was awful",  # invalid UTF-8 decoded with surrogateescape
    "great crew \ud83d\ude00": "great crew \U0001f600",  # a pair split in two code points
    "\ude00\ud83d lost my bag": "\ufffd\ufffd lost my bag",  # a pair in the wrong order
    "love it \U0001f600": "love it \U0001f600",  # nothing to repair
}


@pytest.fixture(scope="module")
def safe_nlp(trained_pipeline_dir):
    """The trained test pipeline, loaded with the surrogate-safe tokenizer."""
    return spacy.load(trained_pipeline_dir, config=SAFE)


def test_spacys_own_tokenizer_fails_on_a_lone_surrogate():
    with pytest.raises(UnicodeEncodeError):
        spacy.blank("en")("hello \ud83d world")


@pytest.mark.parametrize("text", list(BROKEN))
def test_a_direct_call_reads_the_repaired_text(safe_nlp, text):
    assert isinstance(safe_nlp.tokenizer, SurrogateSafeTokenizer)
    doc = safe_nlp(text)
    assert doc.text == BROKEN[text]
    assert doc.cats == pytest.approx(safe_nlp(BROKEN[text]).cats, abs=1e-6)
    assert sum(doc.cats.values()) == pytest.approx(1.0, abs=1e-5)


def test_pipe_and_the_tokenizer_methods_agree_with_a_direct_call(safe_nlp):
    texts = list(BROKEN)
    piped = list(safe_nlp.pipe(texts, batch_size=2))
    assert [doc.text for doc in piped] == list(BROKEN.values())
    for doc, text in zip(piped, texts):
        assert doc.cats == pytest.approx(safe_nlp(text).cats, abs=1e-5)
    assert [doc.text for doc in safe_nlp.tokenizer.pipe(texts)] == list(BROKEN.values())
    assert safe_nlp.tokenizer.explain("hi \ud83d") == spacy.blank("en").tokenizer.explain("hi \ufffd")


def test_scores_and_text_equal_what_batch_scoring_writes(safe_nlp, trained_pipeline_dir):
    records = [{"id": i, "text": text} for i, text in enumerate(BROKEN)]
    scored = list(score_records(safe_nlp, records))
    plain = list(score_records(spacy.load(trained_pipeline_dir), records))  # repairs them itself
    for record, plain_record, text in zip(scored, plain, BROKEN):
        doc = safe_nlp(text)
        assert record["text"] == plain_record["text"] == doc.text
        assert record["scores"] == pytest.approx(doc.cats, abs=1e-5)
        assert plain_record["scores"] == pytest.approx(doc.cats, abs=1e-5)


def test_saved_and_loaded_with_its_settings(trained_pipeline_dir, tmp_path):
    safe_nlp = spacy.load(trained_pipeline_dir, config=SAFE)
    safe_nlp.tokenizer.add_special_case("gonna", [{"ORTH": "gon"}, {"ORTH": "na"}])  # set through the wrapper
    safe_nlp.to_disk(tmp_path / "model")
    assert NAME in (tmp_path / "model" / "config.cfg").read_text(encoding="utf8")
    loaded = spacy.load(tmp_path / "model")
    assert isinstance(loaded.tokenizer, SurrogateSafeTokenizer)
    doc = loaded("gonna \ud83d fly")
    assert [token.text for token in doc] == ["gon", "na", "\ufffd", "fly"]
    assert doc.cats == pytest.approx(safe_nlp("gonna \ud83d fly").cats, abs=1e-6)
    from_bytes = spacy.blank("en", config=SAFE).from_bytes(safe_nlp.to_bytes())
    assert [token.text for token in from_bytes("gonna \ud83d")] == ["gon", "na", "\ufffd"]
    # the saved tokenizer data is spaCy's own: it loads into spaCy's tokenizer too
    spacy.blank("en").tokenizer.from_disk(tmp_path / "model" / "tokenizer")


def test_pickles_for_worker_processes(safe_nlp):
    tokenizer = pickle.loads(pickle.dumps(safe_nlp.tokenizer))
    assert isinstance(tokenizer, SurrogateSafeTokenizer)
    assert tokenizer("a \ud83d b").text == "a \ufffd b"


@pytest.mark.slow
def test_found_through_its_entry_point_in_a_fresh_interpreter(tmp_path):
    code = (
        "import spacy; nlp = spacy.blank('en', config={'nlp': {'tokenizer': {'@tokenizers': %r}}}); "
        "print(ascii(nlp('a \\ud83d b').text))" % NAME
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ascii("a \ufffd b")
