"""The `check` command: run the behavioural test suite on a pipeline and report. Parsing and printing only."""
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from ..scoring.api import DEFAULT_BATCH_SIZE
from .app import app
from .exits import EXIT_MODEL, EXIT_OK, fail

EXIT_TOO_MANY_FAILURES = 1

HELP = (
    "Run the behavioural test suite (MFT, INV and DIR tests, after Ribeiro et al. 2020) on MODEL.\n\n"
    "MODEL is a pipeline directory or installed package whose doc.cats has negative, neutral and positive labels "
    "(other names: --label-map; extra labels are allowed), e.g. an lstm_sentiment or a spaCy textcat pipeline. "
    "Texts are scored as `score` scores them: batched, normalised as the pipeline's training text was.\n\n"
    "A case fails when: MFT, the top label is not the expected one (for 'not negative': the top label is "
    "negative); INV, a variant's top label differs from the original's (with --inv-tolerance T, also when it moves "
    "the original top label's probability by more than T); DIR, a probability moves the wrong way by more than "
    "--dir-tolerance.\n\n"
    "Prints a table of every test to stdout, with the mean failure rate per capability and overall; writes the "
    "same as Markdown (--output-md) and JSON (--output-json, with a schema_version).\n\n"
    f"Exit codes: {EXIT_OK} report done (it is a report, not a gate); {EXIT_TOO_MANY_FAILURES} the mean failure "
    f"rate is above --max-failure-rate; 2 bad arguments; {EXIT_MODEL} the model cannot be loaded or lacks the "
    "three labels."
)


Opt = typer.Option


@app.command("check", help=HELP)
def check_command(
    model: Annotated[str, typer.Argument(metavar="MODEL", help="Pipeline directory or installed package name.")],
    output_md: Annotated[Optional[Path], Opt("--output-md", help="Write the report as Markdown here.")] = None,
    output_json: Annotated[Optional[Path], Opt("--output-json", help="Write the report as JSON here.")] = None,
    seed: Annotated[int, Opt("--seed", help="Seed of the suite's case sampling (same seed, same cases).")] = 0,
    capability: Annotated[Optional[List[str]], Opt("--capability", help="Run only this capability (repeatable).")]
    = None,
    test: Annotated[Optional[List[str]], Opt("--test", help="Run only this test (repeatable).")] = None,
    label_map: Annotated[
        Optional[str],
        Opt(
            "--label-map",
            help="MODEL_LABEL=negative,MODEL_LABEL=neutral,MODEL_LABEL=positive when the model's labels have "
            "other names (NEG, Neutral, pos and the like are found without it).",
        ),
    ] = None,
    max_failure_rate: Annotated[
        Optional[float],
        Opt("--max-failure-rate", min=0.0, max=1.0, help="Exit 1 when the mean failure rate is above this."),
    ] = None,
    inv_tolerance: Annotated[
        Optional[float],
        Opt(
            "--inv-tolerance", min=0.0, max=1.0,
            help="Also fail an INV case when the original top label's probability moves by more than this.",
        ),
    ] = None,
    dir_tolerance: Annotated[
        float, Opt("--dir-tolerance", min=0.0, max=1.0, help="How far a DIR probability may move the wrong way.")
    ] = 0.1,
    examples: Annotated[int, Opt("--examples", min=0, help="Example failures kept per test.")] = 3,
    batch_size: Annotated[int, Opt("--batch-size", min=1, help="Texts scored together.")] = DEFAULT_BATCH_SIZE,
    quiet: Annotated[bool, Opt("--quiet", "-q", help="No progress lines on stderr.")] = False,
) -> None:
    import time

    from ..check import LabelError, build_suite, parse_label_map, run_checks
    from ..io.report_files import write_json, write_text
    from ..pipeline.loading import PipelineLoadError, load_pipeline

    try:
        mapping = parse_label_map(label_map) if label_map else None
    except LabelError as err:
        raise typer.BadParameter(str(err), param_hint="--label-map") from err
    try:
        suite = build_suite(seed).select(capability or None, test or None)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--capability/--test") from err
    try:
        nlp = load_pipeline(model)
    except PipelineLoadError as err:
        fail(EXIT_MODEL, str(err))
    if not quiet:
        counts = suite.summary()
        typer.echo(f"Checking {model}: {counts['n_tests']} tests, {counts['n_texts']} texts", err=True)
    start = time.perf_counter()
    try:
        report = run_checks(
            nlp, suite, label_map=mapping, batch_size=batch_size, inv_tolerance=inv_tolerance,
            dir_tolerance=dir_tolerance, n_examples=examples, model_name=model,
        )
    except LabelError as err:
        fail(EXIT_MODEL, f"model {model!r}: {err}")
    if not quiet:
        typer.echo(f"Scored and checked in {time.perf_counter() - start:.1f}s", err=True)

    typer.echo(report.to_text(), nl=False)
    if output_md is not None:
        write_text(output_md, report.to_markdown())
    if output_json is not None:
        write_json(report.to_dict(), output_json)
    rate = report.summary()["mean_failure_rate"] or 0.0
    if max_failure_rate is not None and rate > max_failure_rate:
        typer.echo(f"Mean failure rate {rate:.1%} is above --max-failure-rate {max_failure_rate:.1%}", err=True)
        raise typer.Exit(code=EXIT_TOO_MANY_FAILURES)
