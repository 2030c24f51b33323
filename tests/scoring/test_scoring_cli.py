"""The `score` command: formats in and out, stdin/stdout, exit codes, messages."""
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from spacy_lstm_sentiment.cli.main import app

from conftest import REPO_ROOT

REPO = REPO_ROOT
SCORE_COLUMNS = ["sentiment", "score_negative", "score_neutral", "score_positive", "error"]
TEXTS = ["I love this", "terrible service", "", "😀", "the bus is at five", "so so good"]


def run_score(*args):
    result = CliRunner().invoke(app, ["score", *map(str, args)])
    return result


def subprocess_env():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def read_jsonl(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def jsonl_input(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "in.jsonl"
    write_jsonl(path, [{"id": i, "text": t, "lang": "en"} for i, t in enumerate(TEXTS)])
    return path


def test_jsonl_to_jsonl_keeps_fields_and_exits_0(trained_pipeline_dir, jsonl_input, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run_score(trained_pipeline_dir, jsonl_input, out, "--id-field", "id", "--batch-size", "2")
    assert result.exit_code == 0, result.output
    records = read_jsonl(out)
    assert [r["id"] for r in records] == list(range(len(TEXTS)))
    assert [r["text"] for r in records] == TEXTS
    assert all(r["lang"] == "en" and r["error"] is None for r in records)
    assert all(set(r["scores"]) == {"negative", "neutral", "positive"} for r in records)
    assert "scored 6, empty 1, errored 0" in result.stderr
    assert not Path(str(out) + ".partial").exists()


def test_jsonl_to_csv_and_parquet_give_flat_columns(trained_pipeline_dir, jsonl_input, tmp_path):
    reference = tmp_path / "ref.jsonl"
    assert run_score(trained_pipeline_dir, jsonl_input, reference, "-q").exit_code == 0
    expected = read_jsonl(reference)
    assert run_score(trained_pipeline_dir, jsonl_input, tmp_path / "out.csv", "-q").exit_code == 0
    with open(tmp_path / "out.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["id", "text", "lang"] + SCORE_COLUMNS
    assert run_score(trained_pipeline_dir, jsonl_input, tmp_path / "out.parquet", "-q").exit_code == 0
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.column_names == ["id", "text", "lang"] + SCORE_COLUMNS
    assert table.schema.field("id").type == pa.int64()
    for row, pq_row, ref in zip(rows, table.to_pylist(), expected):
        assert row["id"] == str(ref["id"]) and pq_row["id"] == ref["id"]
        assert row["sentiment"] == pq_row["sentiment"] == ref["sentiment"]
        for label, score in ref["scores"].items():
            assert float(row[f"score_{label}"]) == pytest.approx(score)
            assert pq_row[f"score_{label}"] == pytest.approx(score)
        assert row["error"] == "" and pq_row["error"] is None


def test_csv_to_csv_and_parquet_to_parquet_keep_input_columns(trained_pipeline_dir, tmp_path):
    src = tmp_path / "in.csv"
    with open(src, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["tweet_id", "body", "user"])
        for i, text in enumerate(TEXTS):
            writer.writerow([f"t{i}", text.replace("love", "love,\n\"really\""), f"u{i}"])
    out_csv = tmp_path / "out.csv"
    result = run_score(trained_pipeline_dir, src, out_csv, "--text-field", "body", "--id-field", "tweet_id")
    assert result.exit_code == 0, result.output
    with open(tmp_path / "out.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["tweet_id"] for r in rows] == [f"t{i}" for i in range(len(TEXTS))]
    assert rows[0]["body"] == 'I love,\n"really" this' and rows[0]["user"] == "u0"

    src_pq = tmp_path / "in.parquet"
    pq.write_table(
        pa.table({"tweet_id": pa.array(range(len(TEXTS)), pa.int32()), "body": TEXTS}), src_pq, row_group_size=4
    )
    out_pq = tmp_path / "out.parquet"
    result = run_score(trained_pipeline_dir, src_pq, out_pq, "--text-field", "body", "--chunk-size", "3")
    assert result.exit_code == 0, result.output
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.schema.field("tweet_id").type == pa.int32()
    assert table.column("tweet_id").to_pylist() == list(range(len(TEXTS)))
    assert table.column("body").to_pylist() == TEXTS


def test_txt_input_keeps_line_alignment(trained_pipeline_dir, tmp_path):
    src = tmp_path / "in.txt"
    src.write_bytes(b"good morning\n\nbad \xff night\r\nok\n")
    result = run_score(trained_pipeline_dir, src, tmp_path / "out.jsonl")
    assert result.exit_code == 0, result.output
    records = read_jsonl(tmp_path / "out.jsonl")
    assert [r["text"] for r in records] == ["good morning", "", "bad \ufffd night", "ok"]
    assert "empty 1" in result.stderr and "repaired encoding 1" in result.stderr


def test_record_errors_exit_5_with_examples(trained_pipeline_dir, tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(
        src, [{"id": "a", "text": "fine"}, {"id": "b", "text": None}, {"id": "c", "body": "x"}, {"id": "d", "text": 42}]
    )
    with open(src, "ab") as fh:
        fh.write(b"{broken json\n")
    out = tmp_path / "out.jsonl"
    result = run_score(trained_pipeline_dir, src, out, "--id-field", "id")
    assert result.exit_code == 5
    records = read_jsonl(out)
    assert [r.get("id") for r in records] == ["a", "b", "c", "d", None]
    assert [r["error"] is None for r in records] == [True, False, False, False, False]
    assert records[4]["_raw"] == "{broken json"
    assert "errored 4" in result.stderr and "error in id=b (line 2): text field 'text' is null" in result.stderr
    assert "error in line 5: invalid JSON: Expecting property name" in result.stderr


def test_bad_model_exits_3_with_one_line(tmp_path, jsonl_input):
    result = run_score(tmp_path / "no_such_model", jsonl_input, tmp_path / "out.jsonl")
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no_such_model" in lines[0] and lines[0].startswith("Error: cannot load model")
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.jsonl").exists()


def test_unreadable_input_exits_4(trained_pipeline_dir, tmp_path):
    result = run_score(trained_pipeline_dir, tmp_path / "missing.jsonl", tmp_path / "out.jsonl")
    assert result.exit_code == 4 and "missing.jsonl" in result.stderr
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 nonsense")
    assert run_score(trained_pipeline_dir, bad, tmp_path / "out.jsonl").exit_code == 4
    assert run_score(trained_pipeline_dir, tmp_path / "data.xlsx", tmp_path / "out.jsonl").exit_code == 4


@pytest.mark.parametrize(
    "args",
    [
        ["IN", "out.txt"],
        ["IN", "-", "--resume"],
        ["IN", "out.jsonl", "--backend", "spark"],
        ["IN", "out.jsonl", "--scheduler", "tcp://localhost:8786"],
        ["IN", "out.jsonl", "--batch-size", "0"],
        ["IN", "out.jsonl", "--backend", "dask", "--n-process", "2"],
    ],
)
def test_bad_arguments_exit_2(trained_pipeline_dir, jsonl_input, tmp_path, args):
    args = [str(jsonl_input) if a == "IN" else a for a in args]
    if args[1] != "-":
        args[1] = str(tmp_path / args[1])
    assert run_score(trained_pipeline_dir, *args).exit_code == 2


def test_help_documents_exit_codes():
    result = CliRunner().invoke(app, ["score", "--help"], terminal_width=200)
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    phrases = ["0 all records scored", "2 bad arguments", "3 the model", "4 the input", "5 finished", "6 the output"]
    for phrase in phrases + ["--resume", "--scheduler", "--input-format"]:
        assert phrase in text


@pytest.mark.slow
def test_stdin_to_stdout_subprocess_writes_only_jsonl(trained_pipeline_dir):
    lines = [json.dumps({"id": i, "text": t}) for i, t in enumerate(TEXTS)] + ["{not json"]
    proc = subprocess.run(
        [sys.executable, "-m", "spacy_lstm_sentiment", "score", str(trained_pipeline_dir), "-", "-"],
        input="\n".join(lines).encode("utf-8"),
        capture_output=True,
        env=subprocess_env(),
        timeout=120,
    )
    assert proc.returncode == 5, proc.stderr.decode()
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [r.get("id") for r in records] == list(range(len(TEXTS))) + [None]
    assert all(r["error"] is None for r in records[:-1]) and records[-1]["error"].startswith("invalid JSON")
    assert b"scored 6" in proc.stderr


def test_a_deeply_nested_json_line_is_an_error_record_not_a_crash(trained_pipeline_dir, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "fine"}\n' + "[" * 100_000 + "]" * 100_000 + '\n{"text": "ok"}\n', encoding="utf-8")
    result = run_score(trained_pipeline_dir, src, tmp_path / "out.jsonl")
    assert result.exit_code == 5, result.output
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [line["error"] is None for line in lines] == [True, False, True]
    assert "nested too deeply" in lines[1]["error"]


def test_sentences_are_scored_and_written_for_jsonl(trained_pipeline_dir, tmp_path):
    src = tmp_path / "in.jsonl"
    posts = [{"id": 1, "text": "Great crew. Lost my bag! When is boarding?"}, {"id": 2, "text": None}]
    write_jsonl(src, posts + [{"id": 3, "text": "fine"}])
    outputs = {}
    for name, extra in (("one", []), ("pool", ["--n-process", "2"])):
        result = run_score(trained_pipeline_dir, src, tmp_path / f"{name}.jsonl", "--sentences", *extra)
        assert result.exit_code == 5, result.output
        outputs[name] = [json.loads(line) for line in (tmp_path / f"{name}.jsonl").read_text().splitlines()]
    first, missing, single = outputs["one"]
    assert [s["text"] for s in first["sentences"]] == ["Great crew.", "Lost my bag!", "When is boarding?"]
    assert list(first)[-2:] == ["sentences", "error"] and "sentences" not in missing
    assert [s["start"] for s in first["sentences"]] == [0, 12, 25]
    for sentence in first["sentences"]:
        assert sum(sentence["scores"].values()) == pytest.approx(1.0, abs=1e-5)
        assert sentence["sentiment"] == max(sentence["scores"], key=sentence["scores"].get)
    assert single["sentences"][0]["scores"] == pytest.approx(single["scores"], abs=1e-6)  # one sentence: the doc
    for a, b in zip(outputs["one"], outputs["pool"]):  # the worker processes write the same sentences
        assert [s["text"] for s in a.get("sentences") or []] == [s["text"] for s in b.get("sentences") or []]
        for x, y in zip(a.get("sentences") or [], b.get("sentences") or []):
            assert x["scores"] == pytest.approx(y["scores"], abs=1e-6)


def test_sentences_need_a_jsonl_output(trained_pipeline_dir, tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [{"text": "fine"}])
    result = run_score(trained_pipeline_dir, src, tmp_path / "out.csv", "--sentences")
    assert result.exit_code == 2 and "--sentences" in result.output
