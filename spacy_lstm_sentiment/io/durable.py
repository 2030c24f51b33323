"""Durable output: write to ``OUTPUT.partial`` next to OUTPUT, flush every batch, move into place at the end.

* Line formats (JSONL, CSV: `LineFileOutput`): records are appended to the file ``OUTPUT.partial`` and
  flushed after every batch, so a killed run loses at most the batch in flight. ``commit()`` moves the
  file onto OUTPUT with an atomic ``os.replace``; OUTPUT never holds a half-written file.
* Formats with an output of their own (Parquet: a folder of part files) subclass `DurableOutput`.
* ``-``: JSONL on stdout, flushed after every batch (`StdoutOutput`).

With ``resume=True`` the complete records of the partial output are kept (counted by the format's
scanner) and a trailing partial line is dropped; without it a partial output from an earlier run is
discarded. A failed write (a full disk, a lost mount) raises :class:`OutputError` with one line
naming the path; what was written before stays for ``--resume``.
"""
import codecs
import functools
import os
import shutil
import sys
from pathlib import Path
from typing import IO, Any, Callable, List, Optional, Sequence, TypeVar

from ..errors import OutputError
from .base import PartialScan

PARTIAL_SUFFIX = ".partial"
OUTPUT_ERRORS = "lstm_sentiment_replace_surrogates"
"""Codec error handler: a lone surrogate left in an output string is written as U+FFFD."""

InputFields = Callable[[], Optional[List[str]]]
"""Called at the first write, when the reader knows them: the input's columns (fix CSV columns)."""
InputSchema = Callable[[], Any]
"""Called at the first write: the input's Arrow schema (Parquet input column types)."""


def _replace_with_fffd(err: UnicodeError) -> Any:
    # the UTF-8 encoder accepts only ASCII str or bytes replacements: give U+FFFD's UTF-8 bytes
    if isinstance(err, UnicodeEncodeError) and err.encoding.replace("-", "").lower() == "utf8":
        return "\ufffd".encode("utf-8") * (err.end - err.start), err.end
    raise err


codecs.register_error(OUTPUT_ERRORS, _replace_with_fffd)

_Method = TypeVar("_Method", bound=Callable[..., Any])


def output_error(target: object, err: Exception) -> OutputError:
    """`cannot write TARGET: reason` for an OSError or Arrow I/O error."""
    return OutputError(f"cannot write {target}: {getattr(err, 'strerror', None) or err}")


def write_errors(*types: type) -> Callable[[_Method], _Method]:
    """Turn an OSError (or one of ``types``, e.g. Arrow's errors) of a write into an OutputError naming
    the output's ``target``; a closed stdout (BrokenPipeError) passes through."""

    def decorate(method: _Method) -> _Method:
        @functools.wraps(method)
        def wrapper(self: "DurableOutput", *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except BrokenPipeError:
                raise  # the reader of stdout went away: the caller stops quietly
            except (OSError, *types) as err:
                raise output_error(self.target, err) from err

        return wrapper  # type: ignore[return-value]

    return decorate


def partial_path(output: str) -> Path:
    """Where an unfinished run keeps its output (a file, or a directory for Parquet)."""
    return Path(output + PARTIAL_SUFFIX)


def open_text_output(path: str, mode: str) -> IO[str]:
    """A UTF-8 text file for writing; lone surrogates are written as U+FFFD."""
    return open(path, mode, encoding="utf-8", errors=OUTPUT_ERRORS, newline="")


def remove(path: Path) -> None:
    """Remove a file or a folder, if there is one."""
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


class DurableOutput:
    """Base class: ``done`` / ``done_errors`` describe records kept from an interrupted run."""

    done = 0
    done_errors = 0
    target = "the output"
    """What error messages call the place written to."""

    def write_batch(self, records: List[dict]) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        """Finish the output (for files: move the partial output onto OUTPUT)."""

    def close(self) -> None:
        """Release open files without committing; a partial output stays for ``--resume``."""


class RecordWriter:
    """What a line format writes with: records to an open text stream, flushed per batch."""

    def write_batch(self, records: List[dict]) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Called once before the output is committed (e.g. a CSV header for an empty output)."""


MakeWriter = Callable[[IO[str], Sequence[str], Optional[List[str]], InputFields], RecordWriter]
"""``(stream, labels, header kept from a partial output or None, input_fields) -> RecordWriter``."""


class _StdoutText:
    """stdout's bytes as a text stream, UTF-8 with lone surrogates as U+FFFD: one write per batch."""

    def write(self, text: str) -> None:
        sys.stdout.buffer.write(text.encode("utf-8", OUTPUT_ERRORS))

    def flush(self) -> None:
        sys.stdout.buffer.flush()


class StdoutOutput(DurableOutput):
    """A line format on stdout, flushed after every batch; nothing else is ever written to stdout."""

    target = "stdout"

    def __init__(self, make_writer: MakeWriter, labels: Sequence[str], input_fields: InputFields) -> None:
        self._writer = make_writer(_StdoutText(), labels, None, input_fields)  # type: ignore[arg-type]

    @write_errors()
    def write_batch(self, records: List[dict]) -> None:
        self._writer.write_batch(records)


class LineFileOutput(DurableOutput):
    """A line format written to ``OUTPUT.partial``, committed with ``os.replace``.

    make_writer: the format's writer; scan: its partial-file scanner (`PartialScan` of a path).
    """

    def __init__(
        self,
        output: str,
        labels: Sequence[str],
        *,
        resume: bool,
        input_fields: InputFields,
        input_schema: InputSchema,
        make_writer: MakeWriter,
        scan: Callable[[Path], PartialScan],
    ) -> None:
        self.output = output
        self.partial = partial_path(output)
        self.target = str(self.partial)
        header = None
        if resume and self.partial.is_file():
            kept = scan(self.partial)
            self.done, self.done_errors, header = kept.records, kept.errors, kept.header
            with open(self.partial, "r+b") as fh:
                fh.truncate(kept.size)
            self.stream: IO[str] = open_text_output(str(self.partial), "a")
        else:
            remove(self.partial)
            self.stream = open_text_output(str(self.partial), "w")
        self._writer = make_writer(self.stream, labels, header, input_fields)

    @write_errors()
    def write_batch(self, records: List[dict]) -> None:
        self._writer.write_batch(records)

    @write_errors()
    def commit(self) -> None:
        self._writer.finish()
        self.stream.close()
        os.replace(self.partial, self.output)

    def close(self) -> None:
        if not self.stream.closed:
            try:
                self.stream.close()
            except OSError:
                pass  # the flush failed (e.g. disk full): --resume drops the half-written line

