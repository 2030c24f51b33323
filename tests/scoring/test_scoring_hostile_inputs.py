"""Hostile posts through `score`, in every input and output format: no crash, no record lost, reasons given."""
import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hostile_inputs import ONE_MB, as_text_cell, as_text_line, hostile_records, write_records
from typer.testing import CliRunner

from spacy_lstm_sentiment.cli.main import app

INPUTS = ["jsonl", "csv", "tsv", "parquet", "txt", "stdin"]
MAX_CHARS = 20_000
"""The matrix scores the first MAX_CHARS characters of each text (records keep the whole text): spaCy's
tokenizer needs ~2 s for a 1 MB text without spaces, so 1 MB texts are scored in full once per format
in `test_one_megabyte_texts_are_scored_in_full`, not in all 24 runs."""
OUTPUTS = ["jsonl", "csv", "parquet", "stdout"]
LABELS = ["negative", "neutral", "positive"]
RECORDS = hostile_records()


def decoded_from_file(text):
    """A string as the readers give it back after it was written to a file with its surrogates as bytes."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def decoded_from_json(text):
    """A string read from a JSON escape: lone surrogates become U+FFFD, valid pairs their character."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def write_input(directory: Path, fmt: str) -> Path:
    return write_records(directory / f"in.{'jsonl' if fmt == 'stdin' else fmt}", RECORDS)


def expected_text(fmt: str, value):
    """The text field the output should hold for `value` read from `fmt` (None: not a string in the input)."""
    if fmt in ("jsonl", "stdin"):
        return decoded_from_json(value) if isinstance(value, str) else None
    if fmt == "txt":
        return decoded_from_file(as_text_line(value))
    cell = as_text_cell(value)
    if cell is None:
        return "" if fmt in ("csv", "tsv") else None
    return decoded_from_file(cell)


def read_output(result, path: Path, fmt: str):
    if fmt == "stdout":
        return [json.loads(line) for line in result.stdout_bytes.decode("utf-8").split("\n") if line]
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_bytes().decode("utf-8").split("\n") if line]
    if fmt == "csv":
        csv.field_size_limit(2**31 - 1)
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        return [{k: (v if v != "" or k == "text" else None) for k, v in row.items()} for row in rows]
    return pq.read_table(path).to_pylist()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    directory = tmp_path_factory.mktemp("hostile")
    return {fmt: write_input(directory, fmt) for fmt in INPUTS}


@pytest.mark.parametrize("out_fmt", OUTPUTS)
@pytest.mark.parametrize("in_fmt", INPUTS)
def test_every_hostile_record_comes_out_once_in_order_with_scores_or_a_reason(
    trained_pipeline_dir, inputs, tmp_path, in_fmt, out_fmt
):
    source = inputs[in_fmt]
    output = tmp_path / f"out.{'jsonl' if out_fmt == 'stdout' else out_fmt}"
    args = ["score", str(trained_pipeline_dir), "-" if in_fmt == "stdin" else str(source)]
    args += ["-" if out_fmt == "stdout" else str(output), "--batch-size", "8", "--chunk-size", "16"]
    args += ["--max-chars", str(MAX_CHARS)]
    stdin = source.read_bytes() if in_fmt == "stdin" else None
    result = CliRunner().invoke(app, args, input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception

    got = read_output(result, output, out_fmt)
    assert len(got) == len(RECORDS)
    if in_fmt != "txt":
        assert [int(r["id"]) for r in got] == [r["id"] for r in RECORDS]
    has_errors = False
    for record, source_record in zip(got, RECORDS):
        value, want = source_record["text"], expected_text(in_fmt, source_record["text"])
        if want is None:  # not a string in the input: an error that says what it was
            has_errors = True
            kind = "null" if value is None else type(value).__name__
            assert record["error"] == f"text field 'text' is {kind}, expected a string", source_record["name"]
            assert record["sentiment"] is None
            continue
        assert record["error"] is None, (source_record["name"], record["error"])
        assert record["text"] == want, source_record["name"]
        scores = record["scores"] if "scores" in record else {label: record[f"score_{label}"] for label in LABELS}
        assert sum(float(score) for score in scores.values()) == pytest.approx(1.0, abs=1e-4)
        assert record["sentiment"] in LABELS
    assert result.exit_code == (5 if has_errors else 0), result.stderr
    long_texts = [t for t in (expected_text(in_fmt, r["text"]) for r in RECORDS) if t and len(t) > MAX_CHARS]
    assert f"truncated {len(long_texts)}" in result.stderr and len(long_texts) >= 4


def run(trained_pipeline_dir, source, output, *extra):
    return CliRunner().invoke(app, ["score", str(trained_pipeline_dir), str(source), str(output), *extra])


def jsonl_lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


@pytest.mark.parametrize("in_fmt, out_fmt", [("jsonl", "parquet"), ("txt", "csv")])
def test_one_megabyte_texts_are_scored_in_full(trained_pipeline_dir, tmp_path, in_fmt, out_fmt):
    long = [r for r in RECORDS if isinstance(r["text"], str) and len(r["text"]) > MAX_CHARS]
    assert max(len(r["text"]) for r in long) == ONE_MB
    source = write_records(tmp_path / f"in.{in_fmt}", long)
    result = run(trained_pipeline_dir, source, tmp_path / f"out.{out_fmt}")
    assert result.exit_code == 0, result.stderr
    got = read_output(result, tmp_path / f"out.{out_fmt}", out_fmt)
    assert [r["text"] for r in got] == [r["text"] for r in long] and all(r["error"] is None for r in got)
    assert f"scored {len(long)}" in result.stderr and "truncated" not in result.stderr


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".txt"])
def test_invalid_utf8_bytes_become_replacement_characters_and_are_scored(trained_pipeline_dir, tmp_path, suffix):
    broken = [b"\xff\xfe start", b"overlong \xc0\xaf slash", b"lone \x80 continuation", b"cut \xe2\x82"]
    each_byte_replaced = [
        "\ufffd\ufffd start", "overlong \ufffd\ufffd slash", "lone \ufffd continuation", "cut \ufffd\ufffd"
    ]
    if suffix == ".jsonl":
        data = b"".join(b'{"text": "' + text + b'"}\n' for text in broken)
    elif suffix == ".csv":
        data = b"text\n" + b"".join(b'"' + text + b'"\n' for text in broken)
    else:
        data = b"".join(text + b"\n" for text in broken)
    source = tmp_path / f"in{suffix}"
    source.write_bytes(data)
    result = run(trained_pipeline_dir, source, tmp_path / "out.jsonl")
    assert result.exit_code == 0, result.stderr
    records = jsonl_lines(tmp_path / "out.jsonl")
    assert [r["text"] for r in records] == each_byte_replaced
    assert f"repaired encoding {len(broken)}" in result.stderr


def test_truncated_jsonl_lines_and_ragged_csv_rows_are_errors_in_place(trained_pipeline_dir, tmp_path):
    source = tmp_path / "in.jsonl"
    lines = ['{"id": 1, "text": "ok"}', '{"id": 2, "te', '{"id": 3, "text": "fine"}', '{"id": 4, "text": "cut']
    source.write_text("\n".join(lines), "utf-8")  # cut in the middle of the file, and at its end
    result = run(trained_pipeline_dir, source, tmp_path / "out.jsonl")
    assert result.exit_code == 5
    records = jsonl_lines(tmp_path / "out.jsonl")
    assert [r.get("id") for r in records] == [1, None, 3, None]
    assert records[1]["_raw"] == '{"id": 2, "te' and records[3]["_raw"] == '{"id": 4, "text": "cut'
    assert records[1]["error"].startswith("invalid JSON: Unterminated string starting at column 11 (")
    assert "error in line 2" in result.stderr and "error in line 4" in result.stderr

    table = tmp_path / "in.csv"
    table.write_text('id,text,lang\n1,hello,en\n2,"a, b"\n3,x,y,z\n4,"unbalanced ""quote,en\n', encoding="utf-8")
    result = run(trained_pipeline_dir, table, tmp_path / "out.csv", "--id-field", "id")
    assert result.exit_code == 5
    with open(tmp_path / "out.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == ["1", "2", "3", "4"]
    assert rows[0]["error"] == "" and rows[1]["text"] == "a, b" and rows[2]["lang"] == "y"
    for row in rows[1:]:
        assert "CSV row has" in row["error"] and "the header has 3" in row["error"]


@pytest.mark.parametrize(
    "column, kind",
    [(pa.array([1, 2, 3], pa.int64()), "int"), (pa.array([["a"], [], None]), "list"),
     (pa.array([{"t": "x"}, {"t": "y"}, None]), "dict"), (pa.array([b"a", b"b", None]), "bytes")],
)
def test_a_parquet_text_column_of_the_wrong_type_gives_every_row_an_error(trained_pipeline_dir, tmp_path, column, kind):
    source = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": [10, 11, 12], "text": column}), source)
    result = run(trained_pipeline_dir, source, tmp_path / "out.parquet")
    assert result.exit_code == 5
    rows = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert [r["id"] for r in rows] == [10, 11, 12]
    for row, value in zip(rows, column.to_pylist()):
        assert row["error"] == f"text field 'text' is {'null' if value is None else kind}, expected a string"
