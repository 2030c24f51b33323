"""`spacy train` in a subprocess, reused when it already ran on the same inputs.

A finished run leaves `run.json` beside its `model-best`: a fingerprint of the config file, the training
and dev DocBins, the corpus stats and the command-line overrides. A later call with the same fingerprint
returns that model without training again (unless `force`).
"""
import hashlib
import json
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, List, Optional, Sequence, Union

PathLike = Union[str, Path]
RUN_FILE = "run.json"
LOG_FILE = "train.log"
LOG_TAIL_LINES = 30


class TrainingError(RuntimeError):
    """`spacy train` exited with an error (the message ends with the tail of its log)."""


@dataclass
class TrainingRun:
    """A trained pipeline and how it came about."""

    model: str
    command: List[str]
    fingerprint: str
    seconds: float
    reused: bool


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def training_fingerprint(
    config: PathLike, train: PathLike, dev: PathLike, corpus_stats: Optional[PathLike], overrides: Sequence[str]
) -> str:
    """sha256 over the inputs that decide what `spacy train` produces."""
    parts = [_file_digest(Path(config)), _file_digest(Path(train)), _file_digest(Path(dev))]
    parts.append(_file_digest(Path(corpus_stats)) if corpus_stats else "")
    parts.append(json.dumps(list(overrides)))
    return hashlib.sha256("\n".join(parts).encode("utf8")).hexdigest()


def train_command(
    config: PathLike,
    output_dir: PathLike,
    train: PathLike,
    dev: PathLike,
    *,
    corpus_stats: Optional[PathLike] = None,
    gpu_id: int = -1,
    overrides: Sequence[str] = (),
) -> List[str]:
    """The `python -m spacy train` command line."""
    command = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(output_dir)]
    command += ["--paths.train", str(train), "--paths.dev", str(dev)]
    if corpus_stats:
        command += ["--paths.corpus_stats", str(corpus_stats)]
    return command + ["--gpu-id", str(gpu_id), *overrides]


def train_or_reuse(
    config: PathLike,
    output_dir: PathLike,
    train: PathLike,
    dev: PathLike,
    *,
    corpus_stats: Optional[PathLike] = None,
    gpu_id: int = -1,
    overrides: Sequence[str] = (),
    force: bool = False,
    log: Callable[[str], None] = lambda message: None,
) -> TrainingRun:
    """Train into OUTPUT_DIR (model in OUTPUT_DIR/model-best, log in OUTPUT_DIR/train.log), or reuse it."""
    output_dir = Path(output_dir)
    model = output_dir / "model-best"
    fingerprint = training_fingerprint(config, train, dev, corpus_stats, overrides)
    command = train_command(
        config, output_dir, train, dev, corpus_stats=corpus_stats, gpu_id=gpu_id, overrides=overrides
    )
    previous = _read_run(output_dir)
    if not force and previous is not None and previous.fingerprint == fingerprint and model.is_dir():
        log(f"reusing {model} (same config, data and overrides; --force retrains)")
        return TrainingRun(str(model), previous.command, fingerprint, previous.seconds, reused=True)
    (output_dir / RUN_FILE).unlink(missing_ok=True)
    output_dir.mkdir(parents=True, exist_ok=True)
    log(f"training {model}: {' '.join(command)}")
    start = time.perf_counter()
    with (output_dir / LOG_FILE).open("w", encoding="utf8") as log_file:
        returncode = subprocess.call(command, stdout=log_file, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - start
    if returncode != 0 or not model.is_dir():
        tail = (output_dir / LOG_FILE).read_text("utf8", errors="replace").splitlines()[-LOG_TAIL_LINES:]
        header = f"spacy train failed (exit code {returncode}), see {output_dir / LOG_FILE}:"
        raise TrainingError("\n".join([header, *tail]))
    run = TrainingRun(str(model), command, fingerprint, seconds, reused=False)
    (output_dir / RUN_FILE).write_text(json.dumps(asdict(run), indent=2) + "\n", "utf8")
    return run


def _read_run(output_dir: Path) -> Optional[TrainingRun]:
    try:
        return TrainingRun(**json.loads((output_dir / RUN_FILE).read_text("utf8")))
    except (OSError, ValueError, TypeError):
        return None
