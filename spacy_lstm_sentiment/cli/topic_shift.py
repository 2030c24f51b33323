"""The `topic-shift` command: score models on topics they never saw in training. Parsing and printing only."""
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from .app import app

HELP = (
    "Show how much of a model's score rests on having seen a topic.\n\n"
    "For each --holdout topic: write train/dev DocBins without it, train CONFIG on them with `spacy train` "
    "(extra arguments such as --training.max_steps 300 are passed on to it), then score the topic's test docs "
    "with that model and with --reference (trained on every topic): macro-F1, accuracy, per-label F1, ECE. "
    "--reverse adds the other way round: train on the largest topic alone, score all other test docs.\n\n"
    "Trainings are reused when rerun on the same config, data and overrides (--force retrains). "
    "Topics: airline, self_driving, deflategate, allergy, coachella, apple, other (corpus/topics.py)."
)
REFERENCE = Path("training/model-best")
OUTPUT_DIR = Path("training/topic_shift")
OUTPUT_JSON = Path("metrics/topic_shift.json")
OUTPUT_MD = Path("metrics/topic_shift.md")


@app.command("topic-shift", help=HELP, context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def topic_shift_command(
    ctx: typer.Context,
    corpus_dir: Annotated[Path, typer.Argument(help="Folder with train/dev/test .spacy files (and stats.json).")],
    config: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Training config (.cfg).")],
    holdout: Annotated[
        Optional[List[str]], typer.Option("--holdout", help="Topic to hold out, repeatable (airline, self_driving).")
    ] = None,
    reverse: Annotated[
        bool, typer.Option("--reverse/--no-reverse", help="Also train on the largest topic alone, score the others.")
    ] = False,
    reference: Annotated[Path, typer.Option("--reference", help="The model trained on every topic.")] = REFERENCE,
    output_dir: Annotated[
        Path, typer.Option("--output-dir", help="Folder for each experiment's DocBins and model.")
    ] = OUTPUT_DIR,
    output_json: Annotated[Path, typer.Option("--output-json", help="JSON results.")] = OUTPUT_JSON,
    output_md: Annotated[Path, typer.Option("--output-md", help="Markdown tables.")] = OUTPUT_MD,
    gpu_id: Annotated[int, typer.Option("--gpu-id", help="GPU for training and scoring, -1 for CPU.")] = -1,
    force: Annotated[bool, typer.Option("--force", help="Retrain even when a matching training exists.")] = False,
) -> None:
    from ..corpus.topics import check_topics
    from ..evaluation.topic_shift_experiments import DEFAULT_HOLDOUTS, run_topic_shift
    from ..evaluation.topic_shift_report import experiments_table, write_markdown
    from ..evaluation.training_run import TrainingError
    from ..io.report_files import write_json

    try:
        holdouts = check_topics(holdout or DEFAULT_HOLDOUTS)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--holdout") from None
    try:
        results = run_topic_shift(
            corpus_dir,
            config,
            reference=reference,
            output_dir=output_dir,
            holdouts=holdouts,
            reverse=reverse,
            gpu_id=gpu_id,
            overrides=list(ctx.args),
            force=force,
            log=lambda message: typer.echo(message, err=True),
        )
    except (OSError, ValueError, TrainingError) as err:
        details = getattr(err, "log_tail", "")
        typer.secho(f"Error: {err}" + (f"\n{details}" if details else ""), fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from None
    typer.echo("\n".join(experiments_table(results)))
    typer.echo(f"Wrote {write_json(results, output_json)} and {write_markdown(results, output_md)}", err=True)
    for warning in results["warnings"]:
        typer.secho(f"Warning: {warning}", fg=typer.colors.YELLOW, err=True)
