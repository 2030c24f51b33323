"""Exit codes of the commands that read records (`score`, `explain`, `check`), the one way to fail, and how
a file job's errors and outcome become messages and exit codes."""
import os
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterator, NoReturn, Optional

import typer

if TYPE_CHECKING:
    from ..scoring.file_job import FileJobResult

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


@contextmanager
def file_job_errors(output_path: str) -> Iterator[None]:
    """Run a file job (`score_file`, `explain_file`): its errors become the exit codes above, a closed
    stdout (e.g. `| head`) a quiet exit 0."""
    from ..errors import InputError, OptionError, OutputError, PipelineLoadError
    from ..io.base import STDIO

    try:
        yield
    except OptionError as err:
        raise typer.BadParameter(str(err), param_hint=err.option) from None
    except InputError as err:
        fail(EXIT_INPUT, str(err))
    except PipelineLoadError as err:
        fail(EXIT_MODEL, str(err))
    except OutputError as err:
        again = "" if output_path == STDIO else "; free space (or fix the path) and run the same command with --resume"
        fail(EXIT_OUTPUT, f"{err}{again}")
    except KeyboardInterrupt:
        fail(EXIT_INTERRUPTED, "interrupted; run the same command with --resume to continue")
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(code=EXIT_OK) from None


def job_log(quiet: bool) -> Optional[Callable[[str], None]]:
    """Where a file job's messages for a person go: stderr, unless quiet."""
    return None if quiet else lambda message: typer.echo(message, err=True)


def finish_file_job(result: "FileJobResult", quiet: bool, done_note: str = "") -> None:
    """The end summary on stderr (unless quiet), then exit 5 when some record has an error."""
    summary = result.summary
    if not quiet:
        typer.echo(f"Done: {summary.format()}{done_note}", err=True)
        if result.blank_lines:
            plural = "s" if result.blank_lines != 1 else ""
            skipped = f"Skipped {result.blank_lines} blank line{plural} of {result.input_name} (not records)"
            typer.echo(skipped, err=True)
        if result.kept:
            kept = f"Kept from the interrupted run: {result.kept} records, {result.kept_errors} with errors"
            typer.echo(kept, err=True)
        for key, message in summary.first_errors.items():
            typer.echo(f"  error in {key}: {message}", err=True)
    if result.has_errors:
        raise typer.Exit(code=EXIT_RECORD_ERRORS)
