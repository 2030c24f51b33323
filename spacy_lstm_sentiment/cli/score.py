"""The `score` command: batch-score a JSONL/CSV/Parquet/TXT file or stdin. Parsing and printing only:
the job is `scoring.file_job.score_file`."""
import sys
from enum import Enum
from typing import Optional

import typer

from ..io.registry import input_formats, listed, output_formats
from ..scoring.api import DEFAULT_BATCH_SIZE
from ..scoring.chunked import DEFAULT_CHUNK_SIZE
from .app import app
from .exits import (
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_MODEL,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_RECORD_ERRORS,
    EXIT_USAGE,
    file_job_errors,
    finish_file_job,
    job_log,
)
from .record_input import InputFormat, input_suffixes, output_suffixes


class Backend(str, Enum):
    local = "local"
    dask = "dask"


HELP = f"""Score every record of INPUT with the sentiment pipeline MODEL and write OUTPUT.

MODEL is a pipeline directory (e.g. training/model-best) or an installed pipeline package name.
INPUT is {listed(input_formats(), last=", ")} (one text per line) or - for stdin, read as JSONL
unless --input-format says otherwise (e.g. --input-format txt for plain text on stdin).
OUTPUT is {listed(output_formats(), last=", ")} or - for JSONL on stdout (nothing else goes to stdout).

Every input record comes out exactly once, in input order, with the fields sentiment (top label),
scores (label -> probability; CSV/Parquet: score_<label> columns) and error (empty when scored).
Records without a usable text (missing, null, not a string), invalid JSON lines and CSV rows with
the wrong number of fields get an error instead of scores; empty and whitespace-only texts are
scored and counted as empty. Blank lines of JSONL and CSV are not records: they are skipped and
counted, so output record N is the Nth record (in .txt every line is a record, output line N is
input line N). Error messages name the input line.

The output is written to OUTPUT.partial and moved onto OUTPUT when complete. After an
interruption, run the same command with --resume to continue where it stopped.

Exit codes: {EXIT_OK} all records scored; {EXIT_USAGE} bad arguments; {EXIT_MODEL} the model (or GPU) cannot be
loaded; {EXIT_INPUT} the input cannot be read (or lacks the --text-field/--id-field column);
{EXIT_RECORD_ERRORS} finished, but some records have an error; {EXIT_OUTPUT} the output cannot be written (e.g.
disk full), fix it and resume with --resume; {EXIT_INTERRUPTED} interrupted (Ctrl-C), resume with --resume.
"""


@app.command("score", help=HELP)
def score_command(
    model: str = typer.Argument(..., metavar="MODEL", help="Pipeline directory or installed package name."),
    input_path: str = typer.Argument(..., metavar="INPUT", help=f"A {input_suffixes()} file or - (stdin)."),
    output_path: str = typer.Argument(..., metavar="OUTPUT", help=f"A {output_suffixes()} file or - (stdout)."),
    input_format: Optional[InputFormat] = typer.Option(
        None,
        "--input-format",
        help="How to read INPUT. Default: from its suffix; jsonl for stdin (- cannot be parquet).",
        show_default=False,
    ),
    text_field: str = typer.Option("text", "--text-field", help="Field or column holding the text."),
    id_field: Optional[str] = typer.Option(
        None,
        "--id-field",
        help="Field or column holding a record id: copied through, used to name records in error "
        "messages; a record without it gets an error.",
    ),
    batch_size: int = typer.Option(
        DEFAULT_BATCH_SIZE, "--batch-size", min=1, help="Texts scored together (small: low latency on a slow stream)."
    ),
    n_process: int = typer.Option(
        1,
        "--n-process",
        min=1,
        help="Worker processes for the local backend: each loads the model once and scores chunks of "
        "--chunk-size records (only records travel between processes, never Docs).",
    ),
    torch_threads: int = typer.Option(
        1,
        "--torch-threads",
        min=1,
        help="torch threads for --n-process 1 (with --n-process > 1 every process uses one). An LSTM gains "
        "little from more, and on a busy machine they can slow it down many times: scale with --n-process "
        "or --backend dask instead.",
    ),
    gpu_id: int = typer.Option(-1, "--gpu-id", help="GPU to use (spacy.require_gpu), -1 for CPU."),
    fix_encoding: Optional[bool] = typer.Option(
        None,
        "--fix-encoding/--no-fix-encoding",
        help="Repair mojibake with ftfy. Default: as the training corpus was prepared (recorded in the "
        "pipeline's meta; on when unrecorded).",
        show_default=False,
    ),
    placeholders: Optional[bool] = typer.Option(
        None,
        "--placeholders/--no-placeholders",
        help="Replace @mentions and URLs by '@user' / 'http'. Default: as the training corpus was prepared "
        "(off when unrecorded).",
        show_default=False,
    ),
    max_chars: Optional[int] = typer.Option(
        None, "--max-chars", min=1, help="Cut longer texts to this many characters (default: score texts in full)."
    ),
    sentences: bool = typer.Option(
        False,
        "--sentences",
        help="Also score each sentence: records get `sentences`, a list of {start, end, text, sentiment, "
        "scores} (JSONL outputs only); boundaries from the pipeline's sentence component, else spaCy's sentencizer.",
    ),
    resume: bool = typer.Option(
        False, "--resume", help="Continue an interrupted run from OUTPUT.partial (same INPUT and options)."
    ),
    backend: Backend = typer.Option(
        Backend.local,
        "--backend",
        help="local: this machine (one process, or a pool of --n-process worker processes); dask: a Dask cluster.",
    ),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="Dask scheduler address (tcp://HOST:8786). Default: start a local cluster."
    ),
    n_workers: int = typer.Option(2, "--n-workers", min=1, help="Worker processes of the local Dask cluster."),
    chunk_size: int = typer.Option(
        DEFAULT_CHUNK_SIZE,
        "--chunk-size",
        min=1,
        help="Records per write, and per task of the worker processes (--n-process > 1, --backend dask).",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary on stderr."),
) -> None:
    from ..scoring.file_job import score_file

    with file_job_errors(output_path):
        result = score_file(
            model,
            input_path,
            output_path,
            input_format=input_format.value if input_format is not None else None,
            text_field=text_field,
            id_field=id_field,
            batch_size=batch_size,
            n_process=n_process,
            torch_threads=torch_threads,
            gpu_id=gpu_id,
            fix_encoding=fix_encoding,
            placeholders=placeholders,
            max_chars=max_chars,
            sentences=sentences,
            resume=resume,
            backend=backend.value,
            scheduler=scheduler,
            n_workers=n_workers,
            chunk_size=chunk_size,
            progress=not quiet and sys.stderr.isatty(),
            log=job_log(quiet),
        )
    finish_file_job(result, quiet)
