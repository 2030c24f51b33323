"""The streaming record reader of `score`, `explain` and corpus preparation: nothing loads a whole file.

`RecordReader` finds the input's format (its suffix, or ``fmt``; JSONL for stdin) in the registry
and reads it with that format's reader (`io/formats/`): line by line or, for Parquet, batch by
batch; JSONL, CSV/TSV and text also from stdin. Records of line-based inputs come wrapped in a
`LineRecord` that names the file line they start on, so error messages can point at it. Invalid UTF-8
bytes are decoded with ``surrogateescape`` (no crash); the scoring step replaces the resulting lone
surrogates by U+FFFD and counts the record as repaired.
"""
import csv
from typing import Any, Iterator, List, Optional

import pyarrow as pa

from ..errors import InputError
from .base import STDIO, FormatInput, InputSource
from .registry import get_format, input_format, input_formats


class RecordReader:
    """Iterates the records of one input, skipping the first ``skip`` (for ``--resume``).

    fmt: the input format (default: from the suffix; JSONL for stdin). bad_json_hint: appended to
    the error of an invalid JSON line (e.g. how to read the input as another format).
    ``fieldnames`` is the column list when the format has one (CSV header, Parquet schema);
    ``schema`` the Arrow schema of a Parquet input; ``total`` the record count when known without
    reading (Parquet); ``blank_lines`` the blank lines skipped so far (JSONL, CSV).
    """

    def __init__(
        self,
        path: str,
        *,
        fmt: Optional[str] = None,
        skip: int = 0,
        text_field: str = "text",
        encoding: str = "utf-8",
        bad_json_hint: str = "",
    ) -> None:
        if fmt is not None and fmt not in input_formats():
            raise InputError(f"unknown input format {fmt!r}: use one of {', '.join(sorted(input_formats()))}")
        self.path = path
        self.format = fmt or input_format(path)
        self.skip = skip
        self.source = InputSource(path, encoding=encoding, text_field=text_field, bad_json_hint=bad_json_hint)
        file_format = get_format(self.format)
        if path == STDIO and not file_format.from_stdin:
            raise InputError(f"{file_format.name.capitalize()} cannot be read from stdin: give the file's path")
        if path != STDIO:
            try:
                with open(path, "rb"):
                    pass
            except OSError as err:
                raise InputError(f"cannot read input {path!r}: {err.strerror or err}") from err
        self._input: FormatInput = file_format.read(self.source)  # type: ignore[misc]

    @property
    def name(self) -> str:
        """The input as messages name it."""
        return self.source.name

    @property
    def bad_json_hint(self) -> str:
        return self.source.bad_json_hint

    @bad_json_hint.setter
    def bad_json_hint(self, hint: str) -> None:
        self.source.bad_json_hint = hint

    @property
    def fieldnames(self) -> Optional[List[str]]:
        return self._input.fieldnames

    @property
    def schema(self) -> Any:
        return self._input.schema

    @property
    def total(self) -> Optional[int]:
        return self._input.total

    @property
    def blank_lines(self) -> int:
        return self._input.blank_lines

    def require_column(self, field: str, option: str) -> None:
        """Raise an InputError listing the columns when the input has columns and ``field`` is not one.

        option: how the user chooses the field (e.g. ``--text-field``), named in the message.
        """
        columns = self.fieldnames
        if columns is None or field in columns:
            return
        listed = ", ".join(repr(name) for name in columns) or "none"
        hint = ""
        if self.format == "csv" and len(columns) == 1 and any(sep in columns[0] for sep in ";\t|"):
            hint = "; the header is one column: is the file separated by something other than commas?"
        raise InputError(f"{self.name} has no column {field!r} (its columns: {listed}); choose one with {option}{hint}")

    def __iter__(self) -> Iterator[Any]:
        try:
            yield from self._input.records(self.skip)
        except InputError:
            raise
        except (OSError, UnicodeError, csv.Error, pa.ArrowException) as err:
            raise InputError(f"cannot read input {self.name}: {err}") from err
