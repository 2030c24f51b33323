"""The fixed split rule and de-duplication (spacy_lstm_sentiment.corpus.split)."""
import hashlib

import ftfy

from spacy_lstm_sentiment.corpus.labelled_rows import LabelledRow
from spacy_lstm_sentiment.corpus.split import (
    CONFLICTING_LABELS,
    DUPLICATE,
    deduplicate,
    hash_split,
    split_and_text_key,
    split_bucket,
)


def expected_split(text: str) -> str:
    """The rule as written in the project notes, recomputed independently of the package."""
    bucket = int(hashlib.sha1(text.encode("utf8")).hexdigest(), 16) % 10
    return {0: "test", 1: "dev"}.get(bucket, "train")


def test_hash_split_matches_the_documented_rule():
    texts = [f"tweet number {i} 😀 ünïcödé" for i in range(300)] + ["", "a", "I love it", "@user http"]
    assigned = [hash_split(t) for t in texts]
    assert assigned == [expected_split(t) for t in texts]
    assert set(assigned) == {"train", "dev", "test"}
    assert all(0 <= split_bucket(t) <= 9 for t in texts)


def test_known_buckets():
    # Frozen values: these must never change, figures are compared across the project's life.
    texts = ("a", "b", "c", "hello world", "I love it", "@united thanks!")
    assert [split_bucket(t) for t in texts] == [2, 0, 6, 3, 8, 5]
    assert [hash_split(t) for t in texts] == ["train", "test", "train", "train", "train", "train"]


def test_split_is_on_raw_text_not_repaired_text():
    # A mojibake text and its repaired form usually hash to different buckets; the raw one counts.
    raw = next(t for t in (f"caf\u00c3\u00a9 {i}" for i in range(100)) if hash_split(t) != hash_split(ftfy.fix_text(t)))
    assert ftfy.fix_text(raw) != raw
    assert hash_split(raw) == expected_split(raw)


def rec(row, text, label, split=None):
    return LabelledRow(row_number=row, text=text, label=label, split=split)


def test_deduplicate_keeps_first_occurrence_and_lists_the_rest():
    records = [rec(1, "b", "pos"), rec(2, "a", "neg"), rec(3, "b", "pos"), rec(4, "c", "neu"), rec(5, "b", "pos")]
    result = deduplicate(records)
    assert [(r.row_number, r.text) for r in result.kept] == [(1, "b"), (2, "a"), (4, "c")]
    assert [(d.row.row_number, d.reason) for d in result.dropped] == [(3, DUPLICATE), (5, DUPLICATE)]
    assert "row 1" in result.dropped[0].detail
    assert result.conflicting_texts == 0
    assert result.count(DUPLICATE) == 2


def test_conflicting_labels_drop_every_row_of_the_text():
    records = [rec(1, "x", "pos"), rec(2, "y", "neg"), rec(3, "x", "pos"), rec(4, "x", "neg"), rec(5, "z", "neu")]
    result = deduplicate(records)
    assert [r.text for r in result.kept] == ["y", "z"]
    assert result.conflicting_texts == 1
    assert [(d.row.row_number, d.reason) for d in result.dropped] == [
        (1, CONFLICTING_LABELS),
        (3, CONFLICTING_LABELS),
        (4, CONFLICTING_LABELS),
    ]
    assert "pos" in result.dropped[0].detail and "neg" in result.dropped[0].detail


def test_texts_that_differ_only_after_normalisation_are_distinct():
    result = deduplicate([rec(1, "caf\u00c3\u00a9", "pos"), rec(2, "café", "neg")])
    assert len(result.kept) == 2 and not result.dropped


def test_source_split_key_only_deduplicates_within_a_split():
    records = [rec(1, "x", "pos", "train"), rec(1, "x", "pos", "test"), rec(2, "x", "pos", "test")]
    result = deduplicate(records, key=split_and_text_key)
    assert [(r.split, r.row_number) for r in result.kept] == [("train", 1), ("test", 1)]
    assert [(d.row.split, d.row.row_number, d.reason) for d in result.dropped] == [("test", 2, DUPLICATE)]
