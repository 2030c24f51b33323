"""Atomic output and --resume: every record exactly once, in order, after a crash or a SIGKILL."""
import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from spacy_lstm_sentiment.cli.main import app
from spacy_lstm_sentiment.scoring.outputs import open_output, partial_path
from spacy_lstm_sentiment.scoring.resume import scan_csv, scan_jsonl

REPO = Path(__file__).resolve().parents[1]
LABELS = ["negative", "neutral", "positive"]


def scored(i, error=None):
    record = {"id": i, "text": f"text {i}\nwith a \"quoted\" newline, and comma"}
    if error:
        record.update(sentiment=None, scores=None, error=error)
    else:
        record.update(sentiment="neutral", scores={"negative": 0.25, "neutral": 0.5, "positive": 0.25}, error=None)
    return record


def read_output(path):
    path = Path(path)
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if path.suffix == ".csv":
        with open(path, newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))
    return pq.read_table(path).to_pylist()


def test_scan_counts_errors_by_parsing_whatever_the_key_order_or_spacing(tmp_path):
    lines = [
        b'{"error":null,"id":1}\n',
        b'{"id": 2, "error" :  null }\n',
        b'{"error": "bad", "id": 3, "meta": {"error": null}}\n',
        b'{"id": 4,"error":"also bad"}\n',
    ]
    jsonl = tmp_path / "b.jsonl.partial"
    jsonl.write_bytes(b"".join(lines) + b"not json, a damaged line\n" + b'{"id": 6, "error": null}\n')
    assert scan_jsonl(jsonl) == (4, 2, len(b"".join(lines)))  # the kept part ends before the damage
    header = b"id,error,text\n"
    rows = [b'1,,"a long cell ' + b"x" * 200_000 + b'"\n', b'2,"bad, really",b\n', b"3,,\n"]
    csv_path = tmp_path / "b.csv.partial"
    csv_path.write_bytes(header + b"".join(rows))
    assert scan_csv(csv_path) == (3, 1, len(header + b"".join(rows)))


def test_scan_counts_complete_records_and_errors(tmp_path):
    jsonl = tmp_path / "a.jsonl.partial"
    jsonl.write_bytes(b'{"id": 1, "error": null}\n{"id": 2, "error": "bad"}\n{"id": 3, "err')
    assert scan_jsonl(jsonl) == (2, 1, len(b'{"id": 1, "error": null}\n{"id": 2, "error": "bad"}\n'))
    csv_path = tmp_path / "a.csv.partial"
    complete = b'id,text,error\n1,"multi\nline ""quoted""",\n2,plain,"an error, quoted"\n'
    csv_path.write_bytes(complete + b'3,"unfinished\nfield')
    assert scan_csv(csv_path) == (2, 1, len(complete))


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_output_is_atomic_and_resumes_after_a_crash(tmp_path, suffix):
    out = str(tmp_path / f"out{suffix}")
    records = [scored(i, "oops" if i == 4 else None) for i in range(10)]

    output = open_output(out, LABELS)
    output.write_batch(records[:3])
    output.write_batch(records[3:6])
    output.close()  # crash: no commit
    assert not os.path.exists(out) and partial_path(out).exists()
    if suffix == ".parquet":  # an unfinished part file from the crashed run
        (partial_path(out) / "part-000002.parquet.tmp").write_bytes(b"half a part")
    else:  # half a line from the crashed run
        with open(partial_path(out), "ab") as fh:
            fh.write(b'7,"half a rec')

    resumed = open_output(out, LABELS, resume=True)
    assert (resumed.done, resumed.done_errors) == (6, 1)
    resumed.write_batch(records[6:])
    resumed.commit()
    assert not partial_path(out).exists()
    got = read_output(out)
    assert [int(r["id"]) for r in got] == list(range(10))
    assert got[4]["error"] == "oops" and got[0]["text"] == records[0]["text"]

    fresh = open_output(out, LABELS, resume=False)  # without --resume a partial output is discarded
    assert fresh.done == 0


def make_input(path, n):
    records = [
        {"id": i, "text": None if i % 97 == 5 else f"day {i}: " + ("so good\nreally" if i % 3 else "awful, \"meh\"")}
        for i in range(n)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def partial_lines(path):
    """Lines written so far to a partial JSONL/CSV output."""
    if not path.exists():
        return 0
    with open(path, "rb") as fh:
        return fh.read().count(b"\n")


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])  # Parquet parts: see the crash test above
def test_resume_after_sigkill_gives_every_record_once(trained_pipeline_dir, tmp_path, suffix):
    n = 3_000
    src = tmp_path / "in.jsonl"
    make_input(src, n)
    out = tmp_path / f"out{suffix}"
    args = ["score", str(trained_pipeline_dir), str(src), str(out), "--id-field", "id", "--chunk-size", "50",
            "--batch-size", "50", "-q"]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    proc = subprocess.Popen([sys.executable, "-m", "spacy_lstm_sentiment", *args], env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 90
    try:
        while partial_lines(partial_path(str(out))) < 200:
            assert proc.poll() is None, f"finished before it could be killed: {proc.stderr.read().decode()}"
            assert time.monotonic() < deadline, "no progress"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert not out.exists() and partial_path(str(out)).exists()

    result = CliRunner().invoke(app, args + ["--resume"])
    assert result.exit_code == 5, result.output  # some texts are null
    assert not partial_path(str(out)).exists()
    reference = tmp_path / f"reference{suffix}"
    assert CliRunner().invoke(app, [a if a != str(out) else str(reference) for a in args]).exit_code == 5

    got, expected = read_output(out), read_output(reference)
    assert [int(r["id"]) for r in got] == list(range(n))
    assert got == expected
