"""The `explain-errors` command: the error-analysis page of a trained pipeline on a labelled split."""
from pathlib import Path

import typer

from .app import app
from .exits import EXIT_MODEL, fail


@app.command("explain-errors")
def explain_errors_command(
    model: str = typer.Argument(..., help="Pipeline directory or installed pipeline package."),
    data: Path = typer.Option(..., "--data", exists=True, dir_okay=False, help="Labelled DocBin (corpus/test.spacy)."),
    html: Path = typer.Option(Path("metrics/explain.html"), "--html", help="The page to write."),
    errors: int = typer.Option(100, "--errors", min=0, help="How many of the most confident errors."),
    correct: int = typer.Option(50, "--correct", min=0, help="How many correct posts, drawn at random."),
    seed: int = typer.Option(0, "--seed", help="Seed of the sample of correct posts."),
    steps: int = typer.Option(16, "--steps", min=1, help="Integration steps of the attributions."),
) -> None:
    """Write one self-contained HTML page with the split's most confident errors and a sample of correct
    posts, each with its probabilities, gold label and tokens shaded by attribution. Exit 3 when the
    model cannot be loaded."""
    from ..explanations.error_page import error_page
    from ..io.report_files import write_text
    from ..pipeline.loading import PipelineLoadError

    try:
        page, counts = error_page(model, data, errors=errors, correct=correct, seed=seed, steps=steps)
    except PipelineLoadError as err:
        fail(EXIT_MODEL, str(err))
    write_text(html, page)
    typer.echo(
        f"Wrote {html}: {counts['shown_errors']} of {counts['errors']} errors and {counts['shown_correct']} "
        f"correct posts ({counts['docs']} docs with a gold label)"
    )
