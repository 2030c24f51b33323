"""What a new user runs into with `score`: stdin formats, a wrong --text-field, blank lines, line numbers."""
import csv
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from spacy_lstm_sentiment.cli.main import app

POSTS = ["loved the crew today", "my bag is lost again", "", "what time is boarding"]


def score(*args, stdin=None):
    return CliRunner().invoke(app, ["score", *map(str, args)], input=stdin)


def stdout_records(result):
    return [json.loads(line) for line in result.stdout.split("\n") if line]


def file_records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def test_plain_text_on_stdin_says_it_was_read_as_jsonl_and_input_format_txt_reads_it(trained_pipeline_dir):
    text = "\n".join(POSTS) + "\n"
    as_jsonl = score(trained_pipeline_dir, "-", "-", stdin=text)
    assert as_jsonl.exit_code == 5
    records = stdout_records(as_jsonl)
    assert len(records) == len(POSTS) - 1  # the empty line is a blank JSONL line, not a record
    for record in records:
        assert record["error"].startswith("invalid JSON: Expecting value at column 1 (stdin is read as JSONL")
        assert "--input-format txt" in record["error"]
    assert "Skipped 1 blank line of stdin (not records)" in as_jsonl.stderr

    as_txt = score(trained_pipeline_dir, "-", "-", "--input-format", "txt", stdin=text)
    assert as_txt.exit_code == 0, as_txt.stderr
    records = stdout_records(as_txt)
    assert [r["text"] for r in records] == POSTS and all(r["error"] is None for r in records)
    assert "scored 4, empty 1, errored 0" in as_txt.stderr


def test_csv_on_stdin_and_parquet_on_stdin(trained_pipeline_dir):
    rows = "id,body\n1,great flight\n2,\"awful, really\"\n"
    result = score(trained_pipeline_dir, "-", "-", "--input-format", "csv", "--text-field", "body", stdin=rows)
    assert result.exit_code == 0, result.stderr
    assert [(r["id"], r["body"]) for r in stdout_records(result)] == [("1", "great flight"), ("2", "awful, really")]
    refused = score(trained_pipeline_dir, "-", "-", "--input-format", "parquet", stdin="")
    assert refused.exit_code == 2 and "stdin" in refused.stderr


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_missing_text_column_stops_before_scoring_and_lists_the_columns(trained_pipeline_dir, tmp_path, suffix):
    src = tmp_path / f"in{suffix}"
    if suffix == ".csv":
        src.write_text("tweet_id,content\n1,hello\n", encoding="utf-8")
    else:
        pq.write_table(pa.table({"tweet_id": [1], "content": ["hello"]}), src)
    out = tmp_path / "out.jsonl"
    result = score(trained_pipeline_dir, src, out, "--text-field", "body")
    assert result.exit_code == 4
    message = result.stderr.strip()
    assert message.startswith("Error: ") and "\n" not in message
    assert "no column 'body' (its columns: 'tweet_id', 'content'); choose one with --text-field" in message
    assert not out.exists() and not (tmp_path / "out.jsonl.partial").exists()
    missing_id = score(trained_pipeline_dir, src, out, "--text-field", "content", "--id-field", "id")
    assert missing_id.exit_code == 4 and "no column 'id'" in missing_id.stderr and "--id-field" in missing_id.stderr


@pytest.mark.parametrize("separator", [";", "\t"])
def test_a_csv_separated_by_something_else_gets_a_hint_about_its_delimiter(trained_pipeline_dir, tmp_path, separator):
    src = tmp_path / "in.csv"
    src.write_text(f"id{separator}text\n1{separator}hello\n", encoding="utf-8")
    result = score(trained_pipeline_dir, src, tmp_path / "out.jsonl")
    assert result.exit_code == 4
    assert f"its columns: {repr(f'id{separator}text')}" in result.stderr
    assert "separated by something other than commas" in result.stderr
    if separator == "\t":  # and read as what it is
        assert score(trained_pipeline_dir, src, tmp_path / "out.jsonl", "--input-format", "tsv").exit_code == 0


def test_jsonl_records_without_the_text_field_get_errors_naming_their_fields(trained_pipeline_dir, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "hi"}\n{"id": 2, "body": "hello"}\n', encoding="utf-8")
    result = score(trained_pipeline_dir, src, tmp_path / "out.jsonl", "--text-field", "body")
    assert result.exit_code == 5
    first, second = file_records(tmp_path / "out.jsonl")
    assert first["error"] == "missing text field 'body' (the record's fields: 'id', 'text')"
    assert second["error"] is None
    assert "error in line 1: missing text field 'body'" in result.stderr


def test_blank_lines_are_counted_and_errors_name_file_lines(trained_pipeline_dir, tmp_path):
    lines = ['{"id": 1, "text": "fine"}', "", '{"id": 2, "text": "ok"}', "   ", '{"id": 3, "text": null}', "{oops"]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = score(trained_pipeline_dir, src, out)
    assert result.exit_code == 5
    assert [r.get("id") for r in file_records(out)] == [1, 2, 3, None]  # record N is the Nth record
    assert "Skipped 2 blank lines" in result.stderr
    assert "error in line 5: text field 'text' is null" in result.stderr
    assert "error in line 6: invalid JSON: Expecting property name enclosed in double quotes at column 2" in (
        result.stderr
    )

    table = tmp_path / "in.csv"
    with open(table, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["id", "text"], ["1", "multi\nline"], [], ["2", "fine"], ["3", "x", "extra"]])
    result = score(trained_pipeline_dir, table, tmp_path / "out.csv", "--id-field", "id")
    assert result.exit_code == 5
    assert "Skipped 1 blank line of" in result.stderr
    assert "error in id=3 (line 6): CSV row has 3 fields, the header has 2" in result.stderr
