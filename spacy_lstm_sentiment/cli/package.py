"""The `package` command: `spacy package` with its build log in a file, so a terminal shows one line."""
import subprocess
import sys
from pathlib import Path

import typer

from .app import app


@app.command("package", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def package_command(
    ctx: typer.Context,
    model: Path = typer.Argument(..., exists=True, file_okay=False, help="The trained pipeline directory."),
    output_dir: Path = typer.Argument(..., help="Where `spacy package` writes the package."),
    log: Path = typer.Option(Path("packages/build.log"), "--log", help="File for spacy package's output."),
) -> None:
    """Run `python -m spacy package MODEL OUTPUT_DIR [OPTIONS...]` (every further option goes to it, e.g.
    `--name lstm_sentiment --version 0.2.0 --build wheel --force`); its output goes to --log, and the
    last lines of it are shown only when it fails."""
    output_dir.mkdir(parents=True, exist_ok=True)
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "spacy", "package", str(model), str(output_dir), *ctx.args]
    with log.open("w", encoding="utf8") as out:
        result = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        tail = "".join(log.read_text(encoding="utf8", errors="replace").splitlines(keepends=True)[-20:])
        typer.echo(f"{tail}\nError: spacy package failed (exit {result.returncode}); full log: {log}", err=True)
        raise typer.Exit(code=result.returncode)
    built = sorted(str(path) for path in output_dir.glob("*/dist/*") if path.is_file())
    typer.echo(f"Packaged {model} into {output_dir} ({', '.join(built) or 'no build'}); log: {log}")
