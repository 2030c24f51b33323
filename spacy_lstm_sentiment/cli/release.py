"""The `release` and `model-card` commands: a trained pipeline becomes a model shipped in the package."""
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from .app import app
from .exits import EXIT_MODEL, fail

DEFAULT_OUTPUT = Path("spacy_lstm_sentiment/pretrained/en_social")


@app.command("release")
def release_command(
    trained: Annotated[Path, typer.Argument(exists=True, file_okay=False, help="The pipeline the project trained.")],
    output: Annotated[Path, typer.Argument(help="The shipped model's folder (replaced).")] = DEFAULT_OUTPUT,
    name: Annotated[str, typer.Option("--name", help="The model's name (`pretrained = NAME`).")] = "en_social",
    version: Annotated[str, typer.Option("--version", help="The model's version.")] = "0.3.0",
) -> None:
    """Write the files of a shipped model from TRAINED: config, meta, tokenizer, a vocab without the training
    strings, the component's cfg and weights (float16, the n-gram table by rows). `model-card` then writes
    MODEL_CARD.md beside them from figures measured on these files."""
    from ..training.shipped_model import release_pipeline

    try:
        folder = release_pipeline(trained, output, name, version)
    except (OSError, ValueError) as err:
        fail(EXIT_MODEL, f"cannot release {trained}: {err}")
    size = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
    typer.echo(f"Released {trained} as {name} {version} in {folder} ({size / 2**20:.1f} MiB)")


@app.command("model-card")
def model_card_command(
    folder: Annotated[Path, typer.Argument(exists=True, file_okay=False, help="The shipped model's folder.")],
    report: Annotated[Path, typer.Option("--report", exists=True, help="evaluate-report JSON of the folder.")],
    check: Annotated[Path, typer.Option("--check", exists=True, help="check JSON of the folder.")],
    topic_shift: Annotated[Optional[Path], typer.Option("--topic-shift", help="topic-shift JSON.")] = None,
    benchmark: Annotated[Optional[Path], typer.Option("--benchmark", help="benchmark JSON.")] = None,
    finetune: Annotated[Optional[Path], typer.Option("--finetune", help="benchmark-finetune JSON.")] = None,
    template: Annotated[
        Path, typer.Option("--template", exists=True, dir_okay=False, help="The card's Markdown template.")
    ] = Path("configs/en_social_card.md"),
    command: Annotated[
        Optional[List[str]], typer.Option("--command", help="FIGURE=COMMAND, the command behind a figure.")
    ] = None,
) -> None:
    """Write FOLDER/MODEL_CARD.md: data, figures with their commands, weaknesses, licences, sha256 of every file."""
    from ..evaluation.model_card import Figures, write_model_card

    commands = dict(item.split("=", 1) for item in command or [] if "=" in item)
    figures = Figures.from_files(
        report=report, check=check, topic_shift=topic_shift, benchmark=benchmark, finetune=finetune
    )
    card = write_model_card(folder, template, figures, commands)
    typer.echo(f"Wrote {card}")
