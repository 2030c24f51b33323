"""Exit codes of the commands that read records (`score`, `explain`, `check`), and the one way to fail."""
from typing import NoReturn

import typer

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_MODEL = 3
EXIT_INPUT = 4
EXIT_RECORD_ERRORS = 5
EXIT_OUTPUT = 6
EXIT_INTERRUPTED = 130


def fail(code: int, message: str) -> NoReturn:
    """Print `Error: message` on stderr (red on a terminal) and exit with `code`."""
    typer.secho(f"Error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=code)
