"""The `benchmark` command: speed relative to the blank tokenizer, with accuracy, in one process."""
import shlex
from pathlib import Path
from typing import Dict, List, Optional

import typer

from .app import app

HELP = (
    "Measure docs/s and words/s of each pipeline through nlp.pipe, relative to spacy.blank (the tokenizer "
    "ceiling), with its macro-F1 on the test split; optionally training speed too.\n\n"
    "The test split's texts are repeated to at least --min-docs docs. After a warm-up pass (which also scores "
    "macro-F1 on the un-repeated split), the blank reference and the pipelines take turns over --rounds rounds; "
    "medians are reported, and each ratio is taken against the blank run of the same round.\n\n"
    "Writes all figures to --output, and the summary between the <!-- benchmark:start --> / "
    "<!-- benchmark:end --> markers of --report (nothing outside them changes)."
)


def parse_named_paths(values: List[str], option: str) -> Dict[str, str]:
    """NAME=PATH pairs (a bare PATH is named by its file stem) in order; a name may not name two paths."""
    named: Dict[str, str] = {}
    for value in values:
        name, sep, path = value.partition("=")
        if not sep:
            name, path = Path(value).stem, value
        if not name or not path:
            raise typer.BadParameter(f"expected NAME=PATH, got {value!r}", param_hint=option)
        if named.get(name) == path:
            continue  # the same pair twice, e.g. from project variables
        if name in named:
            raise typer.BadParameter(f"the name {name!r} is given twice", param_hint=option)
        named[name] = path
    return named


def _command_line(options: Dict[str, object]) -> str:
    """The command, rebuilt from the parsed options, that reproduces this run."""
    words = ["spacy-lstm-sentiment", "benchmark"]
    for option, value in options.items():
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                words += [option, str(item)]
    return shlex.join(words)


@app.command("benchmark", help=HELP)
def benchmark_command(
    test: Path = typer.Option(..., "--test", exists=True, dir_okay=False, help="Test split DocBin (.spacy)."),
    pipeline: List[str] = typer.Option(
        [], "--pipeline", help="NAME=PATH of a pipeline to measure (repeatable); 'blank' is reserved."
    ),
    min_docs: int = typer.Option(10_000, "--min-docs", min=1, help="Docs per timed pass (test texts repeated)."),
    batch_size: int = typer.Option(256, "--batch-size", min=1, help="nlp.pipe batch size."),
    rounds: int = typer.Option(5, "--rounds", min=1, help="Interleaved timing rounds (medians reported)."),
    lang: str = typer.Option("en", "--lang", help="Language of the spacy.blank reference and the test DocBin."),
    gpu_id: int = typer.Option(-1, "--gpu-id", help="GPU to use (spacy.require_gpu before loading), -1 for CPU."),
    train_corpus: Optional[Path] = typer.Option(
        None, "--train-corpus", exists=True, dir_okay=False, help="Training DocBin for the training-speed figures."
    ),
    train_config: List[str] = typer.Option(
        [], "--train-config", help="NAME=PATH (or PATH) of a training config to time (repeatable)."
    ),
    train_reference: Optional[str] = typer.Option(
        None, "--train-reference", help="NAME=PATH (or PATH) of the reference training config, e.g. the bow baseline."
    ),
    train_steps: int = typer.Option(200, "--train-steps", min=1, help="Timed update steps per training config."),
    train_batch_size: int = typer.Option(64, "--train-batch-size", min=1, help="Docs per update step."),
    train_rounds: int = typer.Option(4, "--train-rounds", min=1, help="Interleaved rounds the steps are split over."),
    output: Path = typer.Option(Path("metrics/benchmark.json"), "--output", help="JSON file for all figures."),
    report: Optional[Path] = typer.Option(
        None, "--report", help="Markdown report whose benchmark section is replaced (created if missing)."
    ),
) -> None:
    # Imported here so that `--help` of the other commands stays fast.
    from ..benchmark.reporting import format_stdout, report_section, update_report
    from ..benchmark.run import run_benchmark
    from ..io.report_files import write_json

    pipelines = parse_named_paths(pipeline, "--pipeline")
    configs = parse_named_paths(train_config, "--train-config")
    reference_name = None
    if train_reference is not None:
        reference = parse_named_paths([train_reference], "--train-reference")
        reference_name = next(iter(reference))
        if reference_name in configs:
            message = f"the name {reference_name!r} is also a --train-config"
            raise typer.BadParameter(message, param_hint="--train-reference")
        configs = {**reference, **configs}
    if configs and train_corpus is None:
        raise typer.BadParameter("--train-config needs --train-corpus", param_hint="--train-corpus")
    command = _command_line(
        {
            "--test": test,
            "--pipeline": pipeline,
            "--min-docs": min_docs,
            "--batch-size": batch_size,
            "--rounds": rounds,
            "--lang": lang,
            "--gpu-id": gpu_id,
            "--train-corpus": train_corpus if configs else None,
            "--train-reference": train_reference,
            "--train-config": train_config,
            "--train-steps": train_steps if configs else None,
            "--train-batch-size": train_batch_size if configs else None,
            "--train-rounds": train_rounds if configs else None,
            "--output": output,
            "--report": report,
        }
    )
    typer.echo(f"Running: {command}", err=True)
    try:
        results = run_benchmark(
            test,
            pipelines,
            min_docs=min_docs,
            batch_size=batch_size,
            rounds=rounds,
            lang=lang,
            gpu_id=gpu_id,
            train_corpus=train_corpus if configs else None,
            train_configs=configs or None,
            train_reference=reference_name,
            train_steps=train_steps,
            train_batch_size=train_batch_size,
            train_rounds=train_rounds,
            command=command,
            output=str(output),
        )
    except (OSError, ValueError) as err:
        typer.echo(f"Error: {err}", err=True)
        raise typer.Exit(code=1) from None
    write_json(results, output)
    if report is not None:
        update_report(report, report_section(results))
    typer.echo(format_stdout(results))
    typer.echo(f"\nWrote {output}" + (f" and the benchmark section of {report}" if report else ""), err=True)
