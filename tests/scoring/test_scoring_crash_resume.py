"""Killed with SIGKILL at random points, or stopped by a full disk, then resumed: every record exactly once."""
import csv
import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from spacy_lstm_sentiment.cli.main import app
from spacy_lstm_sentiment.io import durable
from spacy_lstm_sentiment.io.durable import partial_path
from spacy_lstm_sentiment.io.formats import parquet
from spacy_lstm_sentiment.io.formats.csv import scan_csv
from spacy_lstm_sentiment.io.formats.jsonl import scan_jsonl
from spacy_lstm_sentiment.io.formats.parquet import scan_parquet_parts

from conftest import REPO_ROOT, assert_same_scored_records

pytestmark = pytest.mark.slow

REPO = REPO_ROOT
N_RECORDS = 6000


def make_input(path: Path, n: int = N_RECORDS) -> Path:
    texts = ["so good\nreally", 'awful, "meh"', "", "the gate is B12", "\U0001f600 thanks crew"]
    records = [{"id": i, "text": None if i % 97 == 5 else f"day {i}: {texts[i % len(texts)]}"} for i in range(n)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def read_records(path: Path):
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]
    if path.suffix == ".parquet":
        return pq.read_table(path).to_pylist()
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def complete_records(output: Path) -> int:
    """Records a resume would keep from the partial output of `output` (0 while there is none)."""
    partial = partial_path(str(output))
    if partial.is_dir():
        return scan_parquet_parts(sorted(partial.glob("part-*.parquet")))[0]
    if not partial.is_file():
        return 0
    return (scan_jsonl if output.suffix == ".jsonl" else scan_csv)(partial)[0]


def kill_when(args, output: Path, reached: int, timeout: float = 120) -> None:
    """Start `score ARGS` in a process of its own and SIGKILL it once the partial output holds `reached` records."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    proc = subprocess.Popen(
        [sys.executable, "-m", "spacy_lstm_sentiment", *args], env=env, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + timeout
    try:
        while complete_records(output) < reached or not partial_path(str(output)).exists():
            assert proc.poll() is None, f"finished before it could be killed: {proc.stderr.read().decode()}"
            assert time.monotonic() < deadline, "no progress"
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait() == -signal.SIGKILL
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # worker processes it left behind
        except ProcessLookupError:
            pass
        proc.wait()
        proc.stderr.close()


def kill_and_resume(args, output: Path, kill_points):
    """Kill at each point (records kept so far), resuming each time; then let a last resume finish."""
    kept = 0
    for number, point in enumerate(kill_points):
        kill_when(args + (["--resume"] if number else []), output, point)
        assert not output.exists()
        now = complete_records(output)
        assert now >= kept  # a resumed run keeps what the killed one had written
        kept = now
    result = CliRunner().invoke(app, args + ["--resume"])
    assert result.exit_code == 5, result.output  # some texts are null
    assert not partial_path(str(output)).exists()
    return read_records(output)


def reference(args, output: Path, tmp_path: Path):
    """The output of the same command, uninterrupted."""
    reference_output = tmp_path / f"reference{output.suffix}"
    result = CliRunner().invoke(app, [str(reference_output) if a == str(output) else a for a in args])
    assert result.exit_code == 5, result.output
    return read_records(reference_output)


def assert_same_output(got, want):
    assert [int(r["id"]) for r in got] == list(range(N_RECORDS))
    if "scores" in want[0]:
        assert_same_scored_records(got, want)
        return
    for a, b in zip(got, want):  # CSV/Parquet: flat score columns
        assert {k: v for k, v in a.items() if not k.startswith("score_")} == {
            k: v for k, v in b.items() if not k.startswith("score_")
        }
        for key in (k for k in b if k.startswith("score_")):
            assert (a[key] in ("", None)) == (b[key] in ("", None))
            if b[key] not in ("", None):
                assert float(a[key]) == pytest.approx(float(b[key]), abs=1e-6)


def test_one_process_killed_at_six_random_points(trained_pipeline_dir, tmp_path):
    rng = random.Random(13)
    output = tmp_path / "out.jsonl"
    args = ["score", str(trained_pipeline_dir), str(make_input(tmp_path / "in.jsonl")), str(output)]
    args += ["--id-field", "id", "--batch-size", "16", "--chunk-size", "32", "-q"]
    points = [0] + sorted(rng.sample(range(1, int(N_RECORDS * 0.8)), 5))  # 0: as soon as the partial output exists
    assert_same_output(kill_and_resume(args, output, points), reference(args, output, tmp_path))


def test_a_process_pool_killed_at_two_random_points(trained_pipeline_dir, tmp_path):
    rng = random.Random(7)
    output = tmp_path / "out.csv"
    args = ["score", str(trained_pipeline_dir), str(make_input(tmp_path / "in.jsonl")), str(output)]
    args += ["--n-process", "2", "--batch-size", "32", "--chunk-size", "128", "-q"]
    points = sorted(rng.sample(range(1, int(N_RECORDS * 0.6)), 2))
    assert_same_output(kill_and_resume(args, output, points), reference(args, output, tmp_path))


@pytest.fixture(scope="module")
def dask_scheduler():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=40
    )
    yield cluster.scheduler_address
    cluster.close()


def test_a_dask_client_killed_at_two_random_points(trained_pipeline_dir, tmp_path, dask_scheduler):
    rng = random.Random(3)
    output = tmp_path / "out.parquet"
    args = ["score", str(trained_pipeline_dir), str(make_input(tmp_path / "in.jsonl")), str(output)]
    args += ["--backend", "dask", "--scheduler", dask_scheduler, "--chunk-size", "100", "-q"]
    points = sorted(rng.sample(range(1, int(N_RECORDS * 0.6)), 2))
    assert_same_output(kill_and_resume(args, output, points), reference(args, output, tmp_path))


class FillingDisk:
    """A text stream that accepts `room` more characters, writes part of the next write, then fails with ENOSPC."""

    def __init__(self, stream, room: int) -> None:
        self._stream, self.room = stream, room

    def write(self, text: str) -> int:
        if len(text) > self.room:
            self._stream.write(text[: self.room])
            self._stream.flush()
            self.room = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(text)
        return self._stream.write(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_a_full_disk_stops_with_exit_6_and_resume_completes_the_output(
    trained_pipeline_dir, tmp_path, monkeypatch, suffix
):
    output = tmp_path / f"out{suffix}"
    args = ["score", str(trained_pipeline_dir), str(make_input(tmp_path / "in.jsonl", 1000)), str(output)]
    args += ["--chunk-size", "100", "--batch-size", "50"]
    if suffix == ".parquet":
        real_write_table, parts = parquet.pq.write_table, []

        def write_table(table, where, **kwargs):
            if len(parts) == 4:
                Path(where).write_bytes(b"PAR1 half a part")
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            parts.append(where)
            return real_write_table(table, where, **kwargs)

        monkeypatch.setattr(parquet.pq, "write_table", write_table)
    else:
        real_open = durable.open_text_output
        monkeypatch.setattr(durable, "open_text_output", lambda path, mode: FillingDisk(real_open(path, mode), 50_000))
    stopped = CliRunner().invoke(app, args)
    assert stopped.exit_code == 6, stopped.output
    message = stopped.stderr.strip().splitlines()
    assert len(message) == 1 and "No space left on device" in message[0] and "--resume" in message[0]
    assert message[0].startswith(f"Error: cannot write {partial_path(str(output))}")
    assert not output.exists() and 0 < complete_records(output) < 1000
    monkeypatch.undo()

    resumed = CliRunner().invoke(app, args + ["--resume", "-q"])
    assert resumed.exit_code == 5, resumed.output
    got, want = read_records(output), reference(args + ["-q"], output, tmp_path)
    assert [int(r["id"]) for r in got] == list(range(1000))
    assert len(got) == len(want) and [r["error"] for r in got] == [r["error"] for r in want]


def test_stdout_on_a_full_device_is_one_line_and_exit_6(trained_pipeline_dir, tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    source = make_input(tmp_path / "in.jsonl", 200)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "spacy_lstm_sentiment", "score", str(trained_pipeline_dir), str(source), "-", "-q"],
            stdout=full, stderr=subprocess.PIPE, env=env, timeout=120,
        )
    lines = proc.stderr.decode().strip().splitlines()
    assert proc.returncode == 6 and lines == ["Error: cannot write stdout: No space left on device"]
