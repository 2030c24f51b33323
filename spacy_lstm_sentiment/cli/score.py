"""The `score` command: batch-score a JSONL/CSV/Parquet/TXT file or stdin. Parsing and printing only."""
import os
import sys
from enum import Enum
from typing import TYPE_CHECKING, Iterator, List, Optional, Tuple

import typer

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
    fail,
)
from .record_input import InputFormat, open_reader

if TYPE_CHECKING:
    from spacy.language import Language

    from ..scoring.outputs import ScoredOutput


class Backend(str, Enum):
    local = "local"
    dask = "dask"


HELP = f"""Score every record of INPUT with the sentiment pipeline MODEL and write OUTPUT.

MODEL is a pipeline directory (e.g. training/model-best) or an installed pipeline package name.
INPUT is .jsonl, .csv, .tsv, .parquet, .txt (one text per line) or - for stdin, read as JSONL
unless --input-format says otherwise (e.g. --input-format txt for plain text on stdin).
OUTPUT is .jsonl, .csv, .parquet or - for JSONL on stdout (nothing else goes to stdout).

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
    input_path: str = typer.Argument(..., metavar="INPUT", help="A .jsonl/.csv/.tsv/.parquet/.txt file or - (stdin)."),
    output_path: str = typer.Argument(..., metavar="OUTPUT", help="A .jsonl/.csv/.parquet file or - (stdout)."),
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
    from ..pipeline.loading import PipelineLoadError
    from ..scoring.formats import STDIO, InputError, output_format
    from ..scoring.outputs import OutputError, open_output
    from ..scoring.summary import ScoreSummary

    if scheduler and backend != Backend.dask:
        raise typer.BadParameter("needs --backend dask", param_hint="--scheduler")
    if output_format(output_path) is None:
        raise typer.BadParameter("must end in .jsonl, .csv or .parquet, or be -", param_hint="OUTPUT")
    if resume and output_path == STDIO:
        raise typer.BadParameter("cannot resume output written to stdout", param_hint="--resume")
    if sentences and output_format(output_path) != "jsonl":
        raise typer.BadParameter("needs a .jsonl output or - (sentences are nested)", param_hint="--sentences")
    if n_process > 1 and backend == Backend.dask:
        raise typer.BadParameter("is for the local backend; a Dask cluster takes --n-workers", param_hint="--n-process")
    if gpu_id >= 0 and backend == Backend.dask:
        raise typer.BadParameter("set up GPUs on the Dask workers themselves", param_hint="--gpu-id")
    if input_path == STDIO and input_format == InputFormat.parquet:
        raise typer.BadParameter("Parquet cannot be read from stdin: give its path", param_hint="--input-format")

    try:
        reader = open_reader(input_path, input_format, text_field, id_field)
    except InputError as err:
        fail(EXIT_INPUT, str(err))
    nlp, labels = _load_model(model, gpu_id, torch_threads)

    summary = ScoreSummary()
    try:
        output = open_output(
            output_path,
            labels,
            resume=resume,
            input_fields=lambda: reader.fieldnames,
            input_schema=lambda: reader.schema,
        )
    except OutputError as err:
        fail(EXIT_OUTPUT, str(err))
    if output.done and not quiet:
        typer.echo(f"Resuming after {output.done} records already in {output_path}.partial", err=True)
    reader.skip = output.done
    options = dict(
        text_field=text_field,
        id_field=id_field,
        batch_size=batch_size,
        fix_encoding=fix_encoding,
        placeholders=placeholders,
        max_chars=max_chars,
        sentences=sentences,
        summary=summary,
        offset=output.done,
    )
    show_progress = not quiet and sys.stderr.isatty()
    total = reader.total - output.done if reader.total is not None else None
    try:
        if backend == Backend.dask:
            from ..scoring.dask_backend import dask_client, score_records_dask

            with dask_client(scheduler, n_workers) as client:
                scored = score_records_dask(model, reader, client=client, chunk_size=chunk_size, **options)
                _write(scored, output, chunk_size, total, show_progress)
        elif n_process > 1:
            from ..scoring.process_pool import score_records_multiprocess

            scored = score_records_multiprocess(
                model, reader, n_process=n_process, gpu_id=gpu_id, chunk_size=chunk_size, **options
            )
            _write(scored, output, chunk_size, total, show_progress)
        else:
            from ..pipeline.loading import load_pipeline
            from ..scoring.recycling import score_records_recycled

            scored = score_records_recycled(lambda: load_pipeline(model), reader, nlp=nlp, **options)
            del nlp  # the generator drops it after its first RECYCLE_AFTER records
            _write(scored, output, chunk_size, total, show_progress)
        output.commit()
    except InputError as err:
        output.close()
        fail(EXIT_INPUT, str(err))
    except PipelineLoadError as err:
        output.close()
        fail(EXIT_MODEL, str(err))
    except OutputError as err:
        output.close()
        again = "" if output_path == STDIO else "; free space (or fix the path) and run the same command with --resume"
        fail(EXIT_OUTPUT, f"{err}{again}")
    except KeyboardInterrupt:
        output.close()
        fail(EXIT_INTERRUPTED, "interrupted; run the same command with --resume to continue")
    except BrokenPipeError:
        # the reader of stdout went away (e.g. `| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(code=EXIT_OK) from None

    if not quiet:
        typer.echo(f"Done: {summary.format()}", err=True)
        if reader.blank_lines:
            plural = "s" if reader.blank_lines != 1 else ""
            typer.echo(f"Skipped {reader.blank_lines} blank line{plural} of {reader.name} (not records)", err=True)
        if output.done:
            typer.echo(
                f"Kept from the interrupted run: {output.done} records, {output.done_errors} with errors", err=True
            )
        for key, message in summary.first_errors.items():
            typer.echo(f"  error in {key}: {message}", err=True)
    if summary.errored or output.done_errors:
        raise typer.Exit(code=EXIT_RECORD_ERRORS)


def _load_model(model: str, gpu_id: int, torch_threads: int) -> Tuple["Language", List[str]]:
    """Select the device, load the pipeline and its labels; exit 3 with one line on failure."""
    import spacy
    import torch

    from ..pipeline.loading import PipelineLoadError, cats_labels, load_pipeline

    if gpu_id >= 0:
        try:
            spacy.require_gpu(gpu_id)  # before loading, so the model's weights go to the GPU
        except Exception as err:  # noqa: BLE001 - no CUDA, no cupy, bad id
            fail(EXIT_MODEL, f"cannot use GPU {gpu_id}: {err}")
    try:
        nlp = load_pipeline(model)
        labels = cats_labels(nlp)
    except PipelineLoadError as err:
        fail(EXIT_MODEL, str(err))
    torch.set_num_threads(torch_threads)
    return nlp, labels


def _write(
    scored: Iterator[dict], output: "ScoredOutput", chunk_size: int, total: Optional[int], show_progress: bool
) -> None:
    """Write the scored records in batches of ``chunk_size`` (each flushed), with a progress bar."""
    from spacy.util import minibatch
    from tqdm import tqdm

    with tqdm(total=total, unit="doc", disable=not show_progress, file=sys.stderr, dynamic_ncols=True) as bar:
        for batch in minibatch(scored, size=chunk_size):
            output.write_batch(batch)
            bar.update(len(batch))
