"""Hostile posts through `preprocess`, in every format it streams: no crash, every row a doc or a rejection."""
import json

import pytest
import spacy
from hostile_inputs import hostile_records, write_records
from spacy.tokens import DocBin
from typer.testing import CliRunner

from spacy_lstm_sentiment.cli import corpus as corpus_cli  # noqa: F401  (registers the commands)
from spacy_lstm_sentiment.cli.app import app
from spacy_lstm_sentiment.corpus.split import SPLITS

LABELS = ["negative", "neutral", "positive"]
KNOWN_REASONS = {"missing_text", "non_string_text", "empty_text", "empty_after_normalization", "unreadable_row"}


def labelled_hostile_records():
    return [{**record, "label": LABELS[record["id"] % 3]} for record in hostile_records()]


def preprocess(source, out):
    result = CliRunner().invoke(app, ["preprocess", str(source), str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def read_corpus(out):
    nlp = spacy.blank("en")
    docs = [doc for split in SPLITS for doc in DocBin().from_disk(out / f"{split}.spacy").get_docs(nlp.vocab)]
    rejected = [json.loads(line) for line in (out / "rejected.jsonl").read_text(encoding="utf-8").split("\n") if line]
    return docs, rejected, json.loads((out / "stats.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".tsv", ".parquet"])
def test_every_hostile_row_becomes_a_doc_or_a_rejection_with_a_reason(tmp_path, suffix):
    records = labelled_hostile_records()
    source = write_records(tmp_path / f"in{suffix}", records)
    result = preprocess(source, tmp_path / "corpus")
    assert result.exit_code == 0, result.output
    docs, rejected, stats = read_corpus(tmp_path / "corpus")
    assert stats["rows_read"] == len(records)
    assert len(docs) == stats["docs_written"] and len(docs) + len(rejected) == len(records)
    assert len({row["row"] for row in rejected}) == len(rejected)
    assert all(row["reason"] in KNOWN_REASONS and row["detail"] for row in rejected)
    for doc in docs:  # what reached the corpus is valid UTF-8 and one-hot labelled
        doc.text.encode("utf-8")
        assert sorted(doc.cats.values()) == [0.0, 0.0, 1.0]
    by_name = {records[row["row"] - 1]["name"]: row["reason"] for row in rejected}
    assert by_name["empty"] == by_name["space"] == by_name["whitespace_mix"] == "empty_text"
    if suffix == ".jsonl":  # only JSON holds values that are not strings
        assert by_name["none"] == "missing_text" and by_name["int"] == by_name["dict"] == "non_string_text"


def test_invalid_json_lines_and_ragged_csv_rows_are_rejected_as_unreadable(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "good", "label": "positive"}\n{"text": "cut\n[1, 2]\n', encoding="utf-8")
    assert preprocess(source, tmp_path / "a").exit_code == 0
    docs, rejected, _ = read_corpus(tmp_path / "a")
    assert [d.text for d in docs] == ["good"]
    assert [(r["row"], r["reason"]) for r in rejected] == [(2, "unreadable_row"), (3, "unreadable_row")]
    assert rejected[0]["detail"].startswith("invalid JSON")
    assert rejected[1]["detail"] == "row is list, expected an object"

    table = tmp_path / "in.csv"
    table.write_text("text,label\nfine,positive\nno label\nx,negative,extra\n", encoding="utf-8")
    assert preprocess(table, tmp_path / "b").exit_code == 0
    docs, rejected, _ = read_corpus(tmp_path / "b")
    assert [d.text for d in docs] == ["fine"]
    assert [(r["row"], r["reason"], r["text"]) for r in rejected] == [
        (2, "unreadable_row", "no label"),
        (3, "unreadable_row", "x"),
    ]
