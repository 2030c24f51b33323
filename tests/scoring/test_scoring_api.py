"""The Python scoring API: order, counts, validation, normalisation, long texts, laziness."""
import copy
import random

import pytest
import spacy

from spacy_lstm_sentiment.io.formats.jsonl import dump_json_line
from spacy_lstm_sentiment.pipeline.loading import cats_labels, components_to_disable, load_pipeline
from spacy_lstm_sentiment.scoring import api
from spacy_lstm_sentiment.scoring.api import score_records
from spacy_lstm_sentiment.scoring.records import needs_ftfy
from spacy_lstm_sentiment.scoring.summary import ScoreSummary
from spacy_lstm_sentiment.text.normalize import normalize_text

from conftest import spacy_textcat_pipeline


@pytest.fixture(scope="module")
def nlp(trained_pipeline_dir):
    return load_pipeline(trained_pipeline_dir)


def assert_scored(record, labels):
    assert record["error"] is None
    assert list(record["scores"]) == labels
    assert sum(record["scores"].values()) == pytest.approx(1.0, abs=1e-5)
    assert record["sentiment"] == max(record["scores"], key=record["scores"].get)


def test_order_count_ids_and_scores(nlp):
    labels = cats_labels(nlp)
    records = [{"id": f"r{i}", "text": f"I love it, number {i}" if i % 2 else f"awful day {i}"} for i in range(600)]
    summary = ScoreSummary()
    out = list(score_records(nlp, records, batch_size=64, summary=summary, id_field="id"))
    assert [r["id"] for r in out] == [r["id"] for r in records]
    assert [r["text"] for r in out] == [r["text"] for r in records]
    for record in out:
        assert_scored(record, labels)
    assert (summary.scored, summary.errored, summary.empty) == (600, 0, 0)
    assert summary.seconds > 0 and summary.docs_per_second > 0
    # the scores are the pipeline's own doc.cats
    assert out[5]["scores"] == pytest.approx(nlp(normalize_text(records[5]["text"])).cats, abs=1e-5)


def test_bad_records_get_an_error_in_place_and_are_never_dropped(nlp):
    labels = cats_labels(nlp)
    records = [
        {"id": 0, "text": "great"},
        {"id": 1},
        {"id": 2, "text": None},
        {"id": 3, "text": 42},
        {"id": 4, "text": ["a", "list"]},
        {"id": 5, "text": ""},
        {"id": 6, "text": "   \n\t"},
        {"id": 7, "text": "😀🎉🔥"},
        {"id": 8, "text": "broken \udcff bytes \ud83d"},
        "a bare string is a text",
        17,
        {"id": 11, "text": "fine"},
    ]
    original = copy.deepcopy(records)
    summary = ScoreSummary()
    out = list(score_records(nlp, records, summary=summary))
    assert records == original  # inputs are not modified
    assert len(out) == len(records)
    assert [r.get("id") for r in out] == [0, 1, 2, 3, 4, 5, 6, 7, 8, None, None, 11]
    assert out[1]["error"] == "missing text field 'text' (the record's fields: 'id')"
    assert out[2]["error"] == "text field 'text' is null, expected a string"
    assert out[3]["error"] == "text field 'text' is int, expected a string"
    assert out[4]["error"] == "text field 'text' is list, expected a string"
    assert out[10] == {"_raw": 17, "sentiment": None, "scores": None, "error": "record is int, expected an object"}
    for i in (1, 2, 3, 4, 10):
        assert out[i]["sentiment"] is None and out[i]["scores"] is None
    for i in (0, 5, 6, 7, 8, 9, 11):  # empty and whitespace-only texts get a distribution too
        assert_scored(out[i], labels)
    assert out[8]["text"] == "broken \ufffd bytes \ufffd"
    assert out[9]["text"] == "a bare string is a text"
    dump_json_line(out[8]).encode("utf-8")  # writable as strict UTF-8
    assert (summary.scored, summary.empty, summary.errored, summary.repaired) == (7, 2, 5, 1)
    assert list(summary.first_errors) == ["record #2", "record #3", "record #4", "record #5", "record #11"]


def test_id_field_is_required_when_given_and_names_errors(nlp):
    summary = ScoreSummary()
    out = list(score_records(nlp, [{"id": "a", "text": 1}, {"text": "no id"}], id_field="id", summary=summary))
    assert out[1]["error"] == "missing id field 'id' (the record's fields: 'text')"
    assert summary.first_errors == {
        "id=a": "text field 'text' is int, expected a string",
        "record #2": "missing id field 'id' (the record's fields: 'text')",
    }


def test_a_missing_field_message_lists_at_most_ten_fields(nlp):
    record = {f"field_{i}": i for i in range(25)}
    error = next(score_records(nlp, [record], text_field="body"))["error"]
    assert error.startswith("missing text field 'body' (the record's fields: 'field_0', 'field_1',")
    assert "'field_9', ... 25 in all)" in error and "field_10" not in error


def test_text_longer_than_nlp_max_length_is_scored_in_full(nlp):
    labels = cats_labels(nlp)
    long_text = ("a" * 999 + " ") * 1100  # 1.1 MB, above spaCy's default max_length of 1,000,000
    assert len(long_text) > nlp.max_length
    max_length = nlp.max_length
    out = list(score_records(nlp, [{"text": "good"}, {"text": long_text}, {"text": "bad"}]))
    assert nlp.max_length == max_length  # the pipeline is left as it was
    for record in out:
        assert_scored(record, labels)
    assert out[1]["text"] == long_text


def test_max_chars_truncates_and_counts(nlp):
    summary = ScoreSummary()
    text = "wonderful " * 50
    out = list(score_records(nlp, [{"text": text}, {"text": "short"}], max_chars=20, summary=summary))
    assert summary.truncated == 1
    assert out[0]["text"] == text  # the record keeps its full text
    assert out[0]["scores"] == pytest.approx(nlp(text[:20]).cats, abs=1e-5)


def test_fix_encoding_normalises_like_corpus_preparation(nlp):
    mojibake = "The cafÃ© was sooo good &amp; cheap"
    fixed = normalize_text(mojibake, fix_encoding=True)
    assert fixed != mojibake
    on = next(score_records(nlp, [{"text": mojibake}]))
    off = next(score_records(nlp, [{"text": mojibake}], fix_encoding=False))
    assert on["scores"] == pytest.approx(nlp(fixed).cats, abs=1e-5)
    assert off["scores"] == pytest.approx(nlp(mojibake).cats, abs=1e-5)
    assert on["text"] == mojibake  # the output keeps the input text
    with_placeholders = next(score_records(nlp, [{"text": "@bob see https://x.y/z"}], placeholders=True))
    assert with_placeholders["scores"] == pytest.approx(nlp("@user see http").cats, abs=1e-5)


def test_only_the_cats_component_and_its_dependencies_run(trained_pipeline_dir):
    nlp = spacy.load(trained_pipeline_dir)
    nlp.add_pipe("sentencizer", first=True)
    calls = []

    @spacy.Language.component("scoring_test_spy")
    def spy(doc):
        calls.append(doc.text)
        return doc

    nlp.add_pipe("scoring_test_spy")
    assert set(components_to_disable(nlp)) == {"sentencizer", "scoring_test_spy"}
    out = list(score_records(nlp, ["nice"]))
    assert out[0]["error"] is None and calls == []
    list(score_records(nlp, ["nice"], disable_other_components=False))
    assert calls == ["nice"]


@pytest.mark.parametrize("inference_batch_size", [1, 1024])
def test_a_generator_is_consumed_lazily(nlp, inference_batch_size, monkeypatch):
    """Streaming, not reading everything first: the first results need one batch of records of the
    API's batch_size, whatever the component's own inference_batch_size."""
    monkeypatch.setattr(nlp.get_pipe("lstm_sentiment"), "inference_batch_size", inference_batch_size)
    consumed = []

    def records():
        for i in range(10_000):
            consumed.append(i)
            yield {"text": f"doc {i}"}

    stream = score_records(nlp, records(), batch_size=32)
    first = [next(stream) for _ in range(5)]
    assert len(first) == 5 and len(consumed) < 200
    stream.close()


def test_ftfy_is_skipped_only_where_it_would_change_nothing():
    rng = random.Random(0)
    printable = [chr(i) for i in range(32, 127)] + [" ", "\t", "\n"] * 5
    controls = [chr(i) for i in range(128)]
    skipped = 0
    for _ in range(20_000):
        text = "".join(rng.choice(controls if rng.random() < 0.05 else printable) for _ in range(rng.randint(0, 30)))
        if not needs_ftfy(text):
            skipped += 1
            assert normalize_text(text, fix_encoding=True) == text
    assert skipped > 5_000
    for text in ["fish &amp; chips", "a\r\nb", "\x1b[31mred\x1b[0m", "caf\u00c3\u00a9", "ok \x00"]:
        assert needs_ftfy(text) and normalize_text(text) != text


def test_a_pipeline_with_spacys_own_textcat_scores_too():
    """Only lstm_sentiment components get the inference_batch_size override."""
    nlp = spacy_textcat_pipeline()
    out = list(score_records(nlp, [{"text": "fine"}, {"text": ""}, {"text": "bad"}], batch_size=2))
    assert [record["error"] for record in out] == [None, None, None]
    assert all(sum(record["scores"].values()) == pytest.approx(1.0, abs=1e-5) for record in out)


def test_after_a_warm_up_new_words_do_not_grow_the_vocab_and_docs_stay_valid(trained_pipeline_dir, monkeypatch):
    """Batches after the first WARM_UP_DOCS docs are scored in memory zones: the strings new tokens add are
    freed, and the caller's docs are kept."""
    monkeypatch.setattr(api, "WARM_UP_DOCS", 256)
    nlp = load_pipeline(trained_pipeline_dir)
    before = nlp("a doc made before scoring: zqxj_before_42")
    strings = len(nlp.vocab.strings)

    def records(start):
        texts = (f"great flight #tag{i} @user{i * 7919} http://t.co/{i:x}q" for i in range(start, start + 3000))
        return ({"text": text} for text in texts)

    out = list(score_records(nlp, records(0), batch_size=256))
    assert len(out) == 3000 and all(r["error"] is None for r in out)
    warm = len(nlp.vocab.strings) - strings
    assert 0 < warm < 3000  # the warm-up batch's new words stay (~1,500); without zones: ~10,000
    list(score_records(nlp, records(3000), batch_size=256))
    assert len(nlp.vocab.strings) - strings == warm  # only zones from now on
    assert before.text == "a doc made before scoring: zqxj_before_42" and before[-1].text == "zqxj_before_42"
    assert out[5]["scores"] == pytest.approx(nlp(out[5]["text"]).cats, abs=1e-5)


@spacy.Language.component("test_keyword_cats", assigns=["doc.cats"])
def _keyword_cats(doc):
    doc.cats = {"bad": float("awful" in doc.text), "good": float("awful" not in doc.text)}
    return doc


def test_labels_of_a_function_component_come_from_a_probe_text():
    """A component without `labels` (a function) that writes doc.cats: its labels are those it writes."""
    nlp = spacy.blank("en")
    nlp.add_pipe("test_keyword_cats")
    assert cats_labels(nlp) == ["bad", "good"]
    out = list(score_records(nlp, ["awful", "fine"]))
    assert [record["sentiment"] for record in out] == ["bad", "good"]
