"""Streaming readers and writers of the batch-scoring formats (no pipeline needed)."""
import csv
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from spacy_lstm_sentiment.errors import InputError
from spacy_lstm_sentiment.io.durable import open_text_output
from spacy_lstm_sentiment.io.formats.csv import CsvWriter
from spacy_lstm_sentiment.io.formats.jsonl import JsonlWriter
from spacy_lstm_sentiment.io.formats.parquet import conform_table, records_to_table, unify_parquet_schemas
from spacy_lstm_sentiment.io.reader import RecordReader
from spacy_lstm_sentiment.io.record_fields import BadRecord, LineRecord
from spacy_lstm_sentiment.io.registry import output_format

from conftest import scored

LABELS = ["negative", "neutral", "positive"]


def test_jsonl_reader_streams_records_bad_lines_and_invalid_utf8(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        b'{"id": 1, "text": "a"}\n'
        b"\n"
        b"not json\n"
        b'{"id": 3, "text": "caf\xe9 \xff"}\r\n'
        b"42\n"
        b'{"id": 5, "text": "no newline at end"}'
    )
    reader = RecordReader(str(path))
    located = list(reader)
    assert all(isinstance(item, LineRecord) for item in located)
    assert [item.line for item in located] == [1, 3, 4, 5, 6]  # file lines, the blank one skipped
    records = [item.record for item in located]
    assert records[0] == {"id": 1, "text": "a"}
    assert isinstance(records[1], BadRecord) and records[1].raw == "not json"
    assert records[1].reason == "invalid JSON: Expecting value at column 1"
    assert records[2]["id"] == 3 and records[2]["text"] == "caf\udce9 \udcff"  # surrogateescape
    assert records[3] == 42
    assert records[4] == {"id": 5, "text": "no newline at end"}
    assert len(records) == 5 and reader.blank_lines == 1  # the blank line is not a record, but counted
    assert list(RecordReader(str(path), skip=3)) == located[3:]
    hinted = list(RecordReader(str(path), bad_json_hint=" (read as JSONL)"))[1].record
    assert hinted.reason == "invalid JSON: Expecting value at column 1 (read as JSONL)"


def test_txt_reader_keeps_every_line_including_empty_ones(tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes(b"first\r\n\nthird \xff\n   \nlast")
    records = list(RecordReader(str(path)))
    assert [r.record["text"] for r in records] == ["first", "", "third \udcff", "   ", "last"]
    assert list(RecordReader(str(path), skip=2, text_field="body")) == [
        LineRecord({"body": "third \udcff"}, 3),
        LineRecord({"body": "   "}, 4),
        LineRecord({"body": "last"}, 5),
    ]


def test_csv_reader_handles_bom_quoted_newlines_huge_fields_and_skip(tmp_path):
    path = tmp_path / "in.csv"
    huge = "y" * 300_000  # above the csv module's default field limit of 131072
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text"])
        writer.writerow(["1", "line one\nline two"])
        writer.writerow(["2", huge])
        writer.writerow(["3", ""])
    reader = RecordReader(str(path))
    assert reader.fieldnames == ["id", "text"]  # known before reading any row
    located = list(reader)
    assert [r.record for r in located] == [
        {"id": "1", "text": "line one\nline two"},
        {"id": "2", "text": huge},
        {"id": "3", "text": ""},
    ]
    assert [r.line for r in located] == [2, 4, 5]  # the line each row starts on
    assert list(RecordReader(str(path), skip=2)) == located[2:]
    assert list(reader) == located  # a file can be read again


def test_csv_reader_counts_blank_lines_and_keeps_ragged_rows_as_bad_records(tmp_path):
    path = tmp_path / "in.tsv"
    path.write_bytes(b"id\ttext\tlang\n1\tfine\ten\n\n2\tshort\n3\ttoo\tmany\tcells\n\n4\tok\tfr\n")
    reader = RecordReader(str(path))
    located = list(reader)
    assert [r.line for r in located] == [2, 4, 5, 7] and reader.blank_lines == 2
    short, long = located[1].record, located[2].record
    assert isinstance(short, BadRecord) and short.raw == {"id": "2", "text": "short", "lang": None}
    assert isinstance(long, BadRecord) and long.raw == {"id": "3", "text": "too", "lang": "many", "_extra": ["cells"]}
    assert "CSV row has 2 fields, the header has 3" in short.reason
    assert located[3].record == {"id": "4", "text": "ok", "lang": "fr"}


def test_parquet_reader_streams_row_groups_and_skips_across_them(tmp_path):
    path = tmp_path / "in.parquet"
    table = pa.table({"id": list(range(25)), "text": [f"t{i}" for i in range(25)]})
    pq.write_table(table, path, row_group_size=10)
    reader = RecordReader(str(path))
    assert reader.total == 25 and reader.schema.field("id").type == pa.int64()
    assert list(reader) == table.to_pylist()
    assert [r["id"] for r in RecordReader(str(path), skip=13)] == list(range(13, 25))
    assert list(RecordReader(str(path), skip=25)) == []


def test_unreadable_or_unsupported_inputs_raise_input_error(tmp_path):
    with pytest.raises(InputError, match="unsupported input format"):
        RecordReader(str(tmp_path / "data.xlsx"))
    named = tmp_path / "data.jsonl"
    named.write_text('{"text": "a"}\n')
    with pytest.raises(InputError, match="unknown input format 'xlsx'"):
        RecordReader(str(named), fmt="xlsx")  # a format named by the caller is checked as a suffix is
    with pytest.raises(InputError, match="cannot read input"):
        RecordReader(str(tmp_path / "missing.jsonl"))
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not a parquet file")
    with pytest.raises(InputError):
        RecordReader(str(broken))
    assert output_format("x.txt") is None and output_format("-") == "jsonl"


def test_jsonl_writer_keeps_fields_and_writes_valid_utf8(tmp_path):
    path = tmp_path / "out.jsonl"
    with open_text_output(str(path), "w") as fh:
        JsonlWriter(fh).write_batch(
            [scored({"id": 1, "text": "ok", "meta": {"a": [1]}}), scored({"id": 2, "x": "\udcff"}, "bad")]
        )
    lines = path.read_bytes().decode("utf-8").splitlines()  # strict decode: valid UTF-8
    first, second = (json.loads(line) for line in lines)
    assert first == {"id": 1, "text": "ok", "meta": {"a": [1]}, "sentiment": "positive",
                     "scores": {"negative": 0.1, "neutral": 0.2, "positive": 0.7}, "error": None}
    assert second["x"] == "\ufffd" and second["error"] == "bad"


def test_csv_writer_flattens_scores_into_columns():
    stream = io.StringIO()
    columns = CsvWriter.columns(["id", "text", "error"], LABELS)
    assert columns == ["id", "text", "sentiment", "score_negative", "score_neutral", "score_positive", "error"]
    writer = CsvWriter(stream, columns, LABELS, header=True)
    writer.write_batch([scored({"id": 7, "text": "a,\"b\"\nc"}), scored({"id": 8, "text": None}, "null text")])
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert rows[0]["id"] == "7" and rows[0]["text"] == 'a,"b"\nc'
    assert float(rows[0]["score_positive"]) == 0.7 and rows[0]["error"] == ""
    assert rows[1]["score_negative"] == "" and rows[1]["error"] == "null text"


def test_records_to_table_keeps_input_types_and_stringifies_mixed_columns():
    records = [scored({"id": 1, "mixed": 1, "text": "a"}), scored({"id": 2, "mixed": "two", "text": "b\udcff"}, "e")]
    table = records_to_table(records, LABELS, pa.schema([("id", pa.int32())]))
    assert table.column_names == [
        "id", "mixed", "text", "sentiment", "score_negative", "score_neutral", "score_positive", "error"
    ]
    assert table.schema.field("id").type == pa.int32()
    assert table.column("mixed").to_pylist() == ["1", "two"]
    assert table.column("text").to_pylist() == ["a", "b\ufffd"]
    assert table.column("score_positive").to_pylist() == [0.7, None]


def test_part_schemas_are_unified_and_conformed():
    a = records_to_table([scored({"id": 1, "note": None})], LABELS)
    b = records_to_table([scored({"id": "x2", "note": "n", "extra": 1.5})], LABELS)
    schema = unify_parquet_schemas([a.schema, b.schema], LABELS)
    assert schema.names[-5:] == ["sentiment", "score_negative", "score_neutral", "score_positive", "error"]
    assert schema.field("id").type == pa.string() and schema.field("note").type == pa.string()
    combined = pa.concat_tables([conform_table(a, schema), conform_table(b, schema)])
    assert combined.column("id").to_pylist() == ["1", "x2"]
    assert combined.column("extra").to_pylist() == [None, 1.5]
