"""The `benchmark-explain` command: faithfulness and speed of token attributions on a test split."""
import shlex
from pathlib import Path
from typing import Optional

import typer

from .app import app
from .exits import EXIT_MODEL, fail

SECTION = "faithfulness"


@app.command("benchmark-explain")
def benchmark_explain_command(
    model: str = typer.Argument(..., help="Pipeline directory or installed pipeline package."),
    test: Path = typer.Option(..., "--test", exists=True, dir_okay=False, help="DocBin whose texts are explained."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Explain only the first LIMIT docs."),
    steps: int = typer.Option(16, "--steps", min=1, help="Integration steps of the RNN part."),
    output: Path = typer.Option(Path("metrics/faithfulness.json"), "--output", help="JSON file for all figures."),
    report: Optional[Path] = typer.Option(None, "--report", help="Markdown report to put the figures in."),
) -> None:
    """Deletion (comprehensiveness) and sufficiency tests of explain's attributions against leave-one-out
    occlusion and random tokens, for k = 1, 3 and 20% of each doc's tokens, plus explain docs/s."""
    from ..benchmark.faithfulness import K_VALUES, METHODS, faithfulness
    from ..benchmark.inference import load_test_set
    from ..benchmark.machine import utc_now
    from ..benchmark.reporting import markdown_table, text_table, update_report
    from ..io.report_files import write_json
    from ..pipeline.loading import PipelineLoadError, load_pipeline

    try:
        nlp = load_pipeline(model)
    except PipelineLoadError as err:
        fail(EXIT_MODEL, str(err))

    texts = load_test_set(test).texts[:limit]
    command = ["spacy-lstm-sentiment", "benchmark-explain", model, "--test", str(test), "--steps", str(steps)]
    command += ["--limit", str(limit)] if limit else []
    results = faithfulness(nlp, texts, steps=steps)
    results.update(command=shlex.join(command), date=utc_now(), model=model)
    write_json(results, output)
    headers = ["ranking", *(f"drop, top {k}" for k in K_VALUES), "kept with top 20%"]
    rows = [
        [method, *(f"{results['comprehensiveness'][method][k]:.3f}" for k in K_VALUES),
         f"{results['sufficiency_20%'][method]:.3f}"]
        for method in METHODS
    ]
    typer.echo(text_table(headers, rows))
    speed = (
        f"explain {results['explain_docs_per_s']:,.0f} docs/s, "
        f"leave-one-out occlusion {results['leave_one_out_docs_per_s']:,.0f} docs/s"
    )
    typer.echo(speed)
    if report is not None:
        section = (
            f"Faithfulness of `explain` on `{model}` ({results['docs']:,} test docs, {steps} integration steps; "
            f"{results['date']}). Mean drop of the predicted label's probability when each doc's top-k tokens are "
            f"removed, and the share of it kept with the top 20% alone:\n\n{markdown_table(headers, rows)}\n\n"
            f"Speed: {speed} (scoring alone is in the table above).\n\nReproduce: `{results['command']}`"
        )
        update_report(report, section, name=SECTION)
