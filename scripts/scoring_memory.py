"""Peak memory of `spacy-lstm-sentiment score` against input size: is it bounded, whatever the file's size?

Generates seeded synthetic social-media posts as JSONL files of the given sizes (in a temporary folder,
deleted afterwards), scores each with the real command in a subprocess while sampling its resident memory
(the process and its children, every 0.5 s; psutil when installed, else /proc/PID/status), and prints and
writes JSON: input size, records, seconds, records/s and peak RSS per size.

    python scripts/scoring_memory.py training/model-best --sizes-mb 100 1000 --output metrics/scoring_memory.json

Posts carry fresh @mentions, #hashtags, URLs and numbers (words a vocab has never seen), emoji and a
little mojibake, 30-280 characters, like a dump of tweets. Extra `score` options go after `--`, e.g.
`-- --batch-size 256`. The 1 GB case takes tens of minutes on two cores.
"""
import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

try:
    import psutil
except ImportError:  # then /proc/PID/status, Linux only
    psutil = None

WORDS = (
    "the my this that flight crew service bag gate seat delay delayed late early plane airport staff "
    "love great awesome thanks amazing best good nice happy fine ok okay so very really just again today "
    "hate awful worst terrible lost rude bad never cancelled waiting hours still why what when where who "
    "customer help please check tomorrow morning night boarding number call phone refund ticket"
).split()
EMOJI = ["\U0001f600", "\U0001f621", "\U0001f44d\U0001f3fd", "\u2708\ufe0f", "\U0001f62d", "\u2764\ufe0f", "\U0001f525"]
SAMPLE_SECONDS = 0.5


def make_post(rng: random.Random, number: int) -> Dict[str, Any]:
    words: List[str] = [rng.choice(WORDS) for _ in range(rng.randint(4, 40))]
    for _ in range(rng.randint(0, 3)):
        words.insert(rng.randrange(len(words) + 1), f"@user{rng.randrange(10**8)}")
    if rng.random() < 0.5:
        words.append(f"#{rng.choice(WORDS)}{rng.randrange(10**5)}")
    if rng.random() < 0.3:
        words.append(f"https://t.co/{rng.getrandbits(40):x}")
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words) + 1), rng.choice(EMOJI))
    if rng.random() < 0.05:
        words.append("caf\u00c3\u00a9")  # mojibake for ftfy
    text = " ".join(words)[:280]
    return {"id": number, "user": f"u{rng.randrange(10**6)}", "text": text}


def write_posts(path: Path, size_bytes: int, seed: int) -> int:
    """Write posts to `path` until it holds at least `size_bytes`; returns the number of posts."""
    rng = random.Random(seed)
    written = count = 0
    with open(path, "w", encoding="utf-8") as fh:
        buffer: List[str] = []
        while written < size_bytes:
            line = json.dumps(make_post(rng, count), ensure_ascii=False) + "\n"
            buffer.append(line)
            written += len(line.encode("utf-8"))
            count += 1
            if len(buffer) >= 10_000:
                fh.write("".join(buffer))
                buffer = []
        fh.write("".join(buffer))
    return count


def rss_bytes(pid: int) -> int:
    """Resident memory of `pid` and its descendants (0 once it has exited)."""
    if psutil is not None:
        try:
            process = psutil.Process(pid)
            family = [process] + process.children(recursive=True)
        except psutil.NoSuchProcess:
            return 0
        total = 0
        for member in family:
            try:
                total += member.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        return total
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def measure(command: List[str]) -> Dict[str, Any]:
    """Run `command`, sampling its RSS; returns seconds, peak RSS, RSS samples and the exit code."""
    samples: List[int] = []
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr: List[bytes] = []
    reader = threading.Thread(target=lambda: stderr.append(proc.stderr.read()), daemon=True)
    reader.start()
    while proc.poll() is None:
        samples.append(rss_bytes(proc.pid))
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - start
    reader.join()
    return {
        "exit_code": proc.returncode,
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(max(samples, default=0) / 2**20, 1),
        "peak_at_fraction_of_run": round(samples.index(max(samples)) / max(len(samples) - 1, 1), 2)
        if samples
        else None,
        "rss_mb_at_quarters": [round(samples[int(q * (len(samples) - 1))] / 2**20, 1) for q in (0.25, 0.5, 0.75)]
        if samples
        else [],
        "stderr_tail": b"".join(stderr).decode("utf-8", "replace").strip().splitlines()[-3:],
    }


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="pipeline directory or installed package")
    parser.add_argument("--sizes-mb", type=float, nargs="+", default=[100, 1000], help="input sizes, in MB")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output", type=Path, help="also write the JSON here")
    parser.add_argument("--workdir", help="folder for the temporary files (default: the system's temp folder)")
    parser.add_argument("score_args", nargs="*", help="extra options for score, after --")
    args = parser.parse_args(argv)

    command = [sys.executable, "-m", "spacy_lstm_sentiment", "score", args.model]
    results: Dict[str, Any] = {
        "model": args.model,
        "score_options": args.score_args,
        "seed": args.seed,
        "rss_from": "psutil (process and children)" if psutil is not None else "/proc/PID/status VmRSS",
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "runs": [],
    }
    folder = Path(tempfile.mkdtemp(prefix="scoring-memory-", dir=args.workdir))
    try:
        for size_mb in args.sizes_mb:
            source, target = folder / "posts.jsonl", folder / "scored.jsonl"
            records = write_posts(source, int(size_mb * 1e6), args.seed)
            run = measure(command + [str(source), str(target), "-q", *args.score_args])
            run.update(
                input_mb=round(source.stat().st_size / 1e6, 1),
                records=records,
                records_per_s=round(records / run["seconds"]),
                output_mb=round(target.stat().st_size / 1e6, 1) if target.exists() else None,
            )
            results["runs"].append(run)
            print(json.dumps(run), file=sys.stderr, flush=True)
            source.unlink()
            if target.exists():
                target.unlink()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    text = json.dumps(results, indent=2)
    print(text)
    if args.output is not None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text + "\n", encoding="utf-8")
    return 0 if all(run["exit_code"] == 0 for run in results["runs"]) else 1


if __name__ == "__main__":
    sys.exit(main())
