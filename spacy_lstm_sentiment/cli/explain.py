"""The `explain` command: score and explain the records of a file or stdin; JSONL out, an HTML page."""
import sys
from pathlib import Path
from typing import Optional

import typer

from .app import app
from .exits import EXIT_INPUT, EXIT_MODEL, EXIT_RECORD_ERRORS, fail
from .record_input import InputFormat, open_reader


@app.command("explain")
def explain_command(
    model: str = typer.Argument(..., metavar="MODEL", help="Pipeline directory or installed package name."),
    input_path: str = typer.Argument(..., metavar="INPUT", help="A .jsonl/.csv/.tsv/.parquet/.txt file or - (stdin)."),
    output_path: str = typer.Argument(
        ...,
        metavar="OUTPUT",
        help="A .jsonl file or - (stdout): records as score writes them, plus `attributions` "
        "([token, {label: contribution}] pairs).",
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
) -> None:
    """Explain every record of INPUT: OUTPUT gets each record exactly once, in input order, with its scores
    and token attributions (records without a usable text get an `error`, as with `score`); --html writes
    the first posts as one page. Exit codes as for `score`: 0, 2 bad arguments, 3 model, 4 input, 5 some
    records have an error."""
    from ..explanations.explain_records import explain_records
    from ..explanations.html import DocExtras, render_html
    from ..pipeline.loading import PipelineLoadError, load_pipeline
    from ..report_files import write_text
    from ..scoring.formats import STDIO, InputError, output_format
    from ..scoring.summary import ScoreSummary
    from ..scoring.writers import dump_json_line, open_text_output

    if output_path != STDIO and output_format(output_path) != "jsonl":
        raise typer.BadParameter("must be a .jsonl file or - (attributions are nested)", param_hint="OUTPUT")
    try:
        reader = open_reader(input_path, input_format, text_field, id_field)
    except InputError as err:
        fail(EXIT_INPUT, str(err))
    try:
        nlp = load_pipeline(model)
    except PipelineLoadError as err:
        fail(EXIT_MODEL, str(err))
    summary = ScoreSummary()
    page_docs, page_extras = [], []
    out = sys.stdout if output_path == STDIO else open_text_output(output_path, "w")
    try:
        records = explain_records(
            nlp, reader, text_field=text_field, id_field=id_field, batch_size=batch_size, steps=steps, summary=summary
        )
        for number, (record, doc) in enumerate(records, start=1):
            out.write(dump_json_line(record))
            if doc is not None and len(page_docs) < html_max:
                page_docs.append(doc)
                page_extras.append(DocExtras(id=record.get(id_field) if id_field else number))
    except InputError as err:
        fail(EXIT_INPUT, str(err))
    finally:
        if out is not sys.stdout:
            out.close()
    if html is not None:
        write_text(html, render_html(page_docs, title=f"Explained: {input_path}", extras=page_extras))
    typer.echo(f"Done: {summary.format()}" + (f"; page: {html}" if html else ""), err=True)
    if summary.errored:
        raise typer.Exit(code=EXIT_RECORD_ERRORS)
