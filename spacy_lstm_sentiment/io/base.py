"""What a file format module declares (`FileFormat`), and the pieces its reader, writer and scanner share.

A format module (`io/formats/<name>.py`) holds everything about one format: its reader (a `FormatInput`
subclass), its durable output (usually `durable.LineFileOutput` with the format's writer and its
partial-file scanner) and a `FORMAT = FileFormat(...)` that `io/registry.py` lists.
"""
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator, List, NamedTuple, Optional, Tuple

if TYPE_CHECKING:
    from pathlib import Path

    from .durable import DurableOutput, MakeWriter

STDIO = "-"
"""The path that means stdin (input) or stdout (output)."""


class PartialScan(NamedTuple):
    """What the partial output of an interrupted run already holds: complete records, those with an
    ``error``, the byte size of the complete part (line formats), and the header (CSV)."""

    records: int
    errors: int
    size: int = 0
    header: Optional[List[str]] = None


class FormatInput:
    """One open input in one format: what is known before reading, and its records.

    ``fieldnames`` is the column list when the format has one (CSV header, Parquet schema); ``schema``
    the Arrow schema of a Parquet input; ``total`` the record count when known without reading;
    ``blank_lines`` the blank lines skipped so far (they are not records).
    """

    fieldnames: Optional[List[str]] = None
    schema: Any = None
    total: Optional[int] = None

    def __init__(self, source: "InputSource") -> None:
        self.source = source
        self.blank_lines = 0

    def records(self, skip: int) -> Iterator[Any]:
        """The records after the first ``skip`` (``LineRecord``-wrapped for line formats)."""
        raise NotImplementedError


@dataclass
class InputSource:
    """Where and how to read: a path (or ``-``), its encoding, the text field (for formats without
    fields) and a hint appended to the error of an unreadable JSON line; ``name`` is how messages call it."""

    path: str
    encoding: str = "utf-8"
    text_field: str = "text"
    bad_json_hint: str = ""

    @property
    def name(self) -> str:
        return "stdin" if self.path == STDIO else repr(self.path)

    def binary_lines(self) -> Iterator[bytes]:
        if self.path == STDIO:
            yield from sys.stdin.buffer
        else:
            with open(self.path, "rb") as fh:
                yield from fh

    def decode(self, raw: bytes) -> str:
        """Bytes as text; invalid bytes become lone surrogates (scoring replaces them by U+FFFD)."""
        return raw.decode(self.encoding, "surrogateescape")


@dataclass(frozen=True)
class FileFormat:
    """One file format: its name, suffixes (the first one is how messages name it) and what it can do.

    read: the `FormatInput` class that reads it (None: not a record input, e.g. JSON, which corpus
        preparation reads through `datasets`).
    writer, scan: a line format's writer (`durable.MakeWriter`) and partial-file scanner (a path's
        `PartialScan`); `durable.LineFileOutput` does the rest.
    open_output: instead, a durable output of the format's own, `(path, labels, *, resume,
        input_fields, input_schema) -> DurableOutput` (Parquet's folder of parts).
    from_stdin: it can be read from stdin (Parquet cannot). to_stdout: it is what ``-`` writes.
    nested: its records keep nested values (``sentences``, ``attributions``); table formats do not.
    """

    name: str
    suffixes: Tuple[str, ...]
    read: Optional[Callable[[InputSource], FormatInput]] = None
    writer: Optional["MakeWriter"] = None
    scan: Optional[Callable[["Path"], PartialScan]] = None
    open_output: Optional[Callable[..., "DurableOutput"]] = None
    from_stdin: bool = True
    to_stdout: bool = False
    nested: bool = False

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    @property
    def is_input(self) -> bool:
        return self.read is not None

    @property
    def is_output(self) -> bool:
        return self.open_output is not None or (self.writer is not None and self.scan is not None)
