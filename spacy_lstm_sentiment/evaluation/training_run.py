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

from ..errors import TrainingError
from ..io.report_files import write_json

PathLike = Union[str, Path]
RUN_FILE = "run.json"
LOG_FILE = "train.log"
LOG_TAIL_LINES = 30



@dataclass
class TrainingRun:
    """A trained pipeline and how it came about."""

    model: str
    command: List[str]
    fingerprint: str
    seconds: float
    reused: bool


@dataclass(frozen=True)
class TrainingSettings:
    """What the trainings of one experiment series share: config, corpus stats, device and overrides."""

    config: PathLike
    corpus_stats: Optional[PathLike] = None
    gpu_id: int = -1
    overrides: Sequence[str] = ()


def _file_digest(path: PathLike) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def training_fingerprint(settings: TrainingSettings, train: PathLike, dev: PathLike) -> str:
    """sha256 over the inputs that decide what `spacy train` produces (the device is left out)."""
    parts = [_file_digest(settings.config), _file_digest(train), _file_digest(dev)]
    parts.append(_file_digest(settings.corpus_stats) if settings.corpus_stats else "")
    parts.append(json.dumps(list(settings.overrides)))
    return hashlib.sha256("\n".join(parts).encode("utf8")).hexdigest()


def train_command(settings: TrainingSettings, output_dir: PathLike, train: PathLike, dev: PathLike) -> List[str]:
    """The `python -m spacy train` command line."""
    command = [sys.executable, "-m", "spacy", "train", str(settings.config), "--output", str(output_dir)]
    command += ["--paths.train", str(train), "--paths.dev", str(dev)]
    if settings.corpus_stats:
        command += ["--paths.corpus_stats", str(settings.corpus_stats)]
    return command + ["--gpu-id", str(settings.gpu_id), *settings.overrides]


def train_or_reuse(
    settings: TrainingSettings,
    output_dir: PathLike,
    train: PathLike,
    dev: PathLike,
    *,
    force: bool = False,
    log: Callable[[str], None] = lambda message: None,
) -> TrainingRun:
    """Train into OUTPUT_DIR (model in OUTPUT_DIR/model-best, log in OUTPUT_DIR/train.log), or reuse it."""
    output_dir = Path(output_dir)
    model = output_dir / "model-best"
    fingerprint = training_fingerprint(settings, train, dev)
    command = train_command(settings, output_dir, train, dev)
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
        raise TrainingError(header, log_tail="\n".join(tail))
    run = TrainingRun(str(model), command, fingerprint, seconds, reused=False)
    write_json(asdict(run), output_dir / RUN_FILE)
    return run


def _read_run(output_dir: Path) -> Optional[TrainingRun]:
    try:
        return TrainingRun(**json.loads((output_dir / RUN_FILE).read_text("utf8")))
    except (OSError, ValueError, TypeError):
        return None
