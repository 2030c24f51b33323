"""Atomic output and --resume: every record exactly once, in order (SIGKILL runs: test_scoring_crash_resume)."""
import csv
import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from spacy_lstm_sentiment.io.durable import partial_path
from spacy_lstm_sentiment.io.formats.csv import scan_csv
from spacy_lstm_sentiment.io.formats.jsonl import scan_jsonl
from spacy_lstm_sentiment.io.registry import open_output

from conftest import scored

LABELS = ["negative", "neutral", "positive"]


def scored_row(i, error=None):
    return scored({"id": i, "text": f"text {i}\nwith a \"quoted\" newline, and comma"}, error)


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
    assert scan_jsonl(jsonl) == (4, 2, len(b"".join(lines)), None)  # the kept part ends before the damage
    header = b"id,error,text\n"
    rows = [b'1,,"a long cell ' + b"x" * 200_000 + b'"\n', b'2,"bad, really",b\n', b"3,,\n"]
    csv_path = tmp_path / "b.csv.partial"
    csv_path.write_bytes(header + b"".join(rows))
    assert scan_csv(csv_path) == (3, 1, len(header + b"".join(rows)), ["id", "error", "text"])


def test_scan_counts_complete_records_and_errors(tmp_path):
    jsonl = tmp_path / "a.jsonl.partial"
    jsonl.write_bytes(b'{"id": 1, "error": null}\n{"id": 2, "error": "bad"}\n{"id": 3, "err')
    assert scan_jsonl(jsonl) == (2, 1, len(b'{"id": 1, "error": null}\n{"id": 2, "error": "bad"}\n'), None)
    csv_path = tmp_path / "a.csv.partial"
    complete = b'id,text,error\n1,"multi\nline ""quoted""",\n2,plain,"an error, quoted"\n'
    csv_path.write_bytes(complete + b'3,"unfinished\nfield')
    assert scan_csv(csv_path) == (2, 1, len(complete), ["id", "text", "error"])
    csv_path.write_bytes(b'id,"unfinished header')
    assert scan_csv(csv_path) == (0, 0, 0, None)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_output_is_atomic_and_resumes_after_a_crash(tmp_path, suffix):
    out = str(tmp_path / f"out{suffix}")
    records = [scored_row(i, "oops" if i == 4 else None) for i in range(10)]

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
