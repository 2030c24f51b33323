"""The `explain` command: score and explain the records of a file or stdin; JSONL out, an HTML page.
Parsing and printing only: the job is `explanations.explain_records.explain_file`."""
import sys
from pathlib import Path
from typing import Optional

import typer

from .app import app
from .exits import file_job_errors, finish_file_job, job_log
from .record_input import InputFormat, input_suffixes, output_suffixes


@app.command("explain")
def explain_command(
    model: str = typer.Argument(..., metavar="MODEL", help="Pipeline directory or installed package name."),
    input_path: str = typer.Argument(..., metavar="INPUT", help=f"A {input_suffixes()} file or - (stdin)."),
    output_path: str = typer.Argument(
        ...,
        metavar="OUTPUT",
        help=f"A {output_suffixes(nested=True)} file or - (stdout): records as score writes them, plus "
        "`attributions` ([token, {label: contribution}] pairs).",
    ),
    html: Optional[Path] = typer.Option(None, "--html", help="Also write a self-contained page of the posts."),
    html_max: int = typer.Option(500, "--html-max", min=1, help="Posts on the page at most (the first ones)."),
    input_format: Optional[InputFormat] = typer.Option(
        None, "--input-format", help="How to read INPUT, as for score.", show_default=False
    ),
    text_field: str = typer.Option("text", "--text-field", help="Field or column holding the text."),
    id_field: Optional[str] = typer.Option(None, "--id-field", help="Field or column holding a record id."),
    steps: int = typer.Option(16, "--steps", min=1, help="Integration steps of the attributions."),
    batch_size: int = typer.Option(64, "--batch-size", min=1, help="Posts explained together."),
    max_chars: Optional[int] = typer.Option(
        None, "--max-chars", min=1, help="Cut longer texts to this many characters (default: explain texts in full)."
    ),
    resume: bool = typer.Option(
        False, "--resume", help="Continue an interrupted run from OUTPUT.partial (same INPUT and options)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary on stderr."),
) -> None:
    """Explain every record of INPUT: OUTPUT gets each record exactly once, in input order, with its scores
    and token attributions (records without a usable text get an `error`, as with `score`); --html writes
    the first posts of the run as one page. As with `score`, the output is written to OUTPUT.partial and
    moved onto OUTPUT when complete; after an interruption, rerun with --resume. Exit codes as for `score`:
    0, 2 bad arguments, 3 model, 4 input, 5 some records have an error, 6 output, 130 interrupted."""
    from ..explanations.explain_records import explain_file

    with file_job_errors(output_path):
        result = explain_file(
            model,
            input_path,
            output_path,
            html=html,
            html_max=html_max,
            input_format=input_format.value if input_format is not None else None,
            text_field=text_field,
            id_field=id_field,
            steps=steps,
            batch_size=batch_size,
            max_chars=max_chars,
            resume=resume,
            progress=not quiet and sys.stderr.isatty(),
            log=job_log(quiet),
        )
    finish_file_job(result, quiet, f"; page: {html}" if html else "")
