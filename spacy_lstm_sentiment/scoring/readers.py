"""Streaming readers for the batch-scoring inputs: nothing loads a whole file.

Files are read line by line or, for Parquet, batch by batch; JSONL, CSV/TSV and text also from
stdin. Records of line-based inputs come wrapped in a :class:`~.records.LineRecord` that names the
file line they start on, so error messages can point at it.

* ``.txt``: every line is a record ``{text_field: line}``, empty lines included, so output record N
  belongs to input line N.
* ``.jsonl``: one JSON value per line. Blank lines are not records: they are skipped and counted
  (``blank_lines``). A line that is not valid JSON becomes a :class:`~.records.BadRecord` in its place.
* ``.csv`` / ``.tsv``: the header row names the columns (``fieldnames``, known when the reader is
  made). Blank lines are skipped and counted. A row whose number of cells differs from the header's
  (a wrong delimiter or quoting) becomes a BadRecord that keeps the cells it has.
* ``.parquet``: rows of the file, streamed by row group; ``fieldnames`` and ``schema`` come from
  the file's schema and ``total`` from its metadata.

Invalid UTF-8 bytes are decoded with ``surrogateescape`` (no crash); the scoring step replaces the
resulting lone surrogates by U+FFFD and counts the record as repaired.
"""
import csv
import io
import json
import sys
from typing import IO, Any, Dict, Iterator, List, Optional

import pyarrow as pa
import pyarrow.parquet as pq

from .formats import INPUT_FORMATS, STDIO, InputError, input_format
from .records import EXTRA_FIELD, BadRecord, LineRecord, replace_surrogates

PARQUET_BATCH_ROWS = 1024
CSV_DELIMITERS = {"csv": ",", "tsv": "\t"}


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
        if fmt is not None and fmt not in INPUT_FORMATS:
            raise InputError(f"unknown input format {fmt!r}: use one of {', '.join(sorted(INPUT_FORMATS))}")
        self.path = path
        self.format = fmt or input_format(path)
        self.skip = skip
        self.text_field = text_field
        self.encoding = encoding
        self.bad_json_hint = bad_json_hint
        self.fieldnames: Optional[List[str]] = None
        self.schema: Optional[pa.Schema] = None
        self.total: Optional[int] = None
        self.blank_lines = 0
        self._csv: Optional[Any] = None
        if path == STDIO and self.format == "parquet":
            raise InputError("Parquet cannot be read from stdin: give the file's path")
        if path != STDIO:
            try:
                with open(path, "rb"):
                    pass
            except OSError as err:
                raise InputError(f"cannot read input {path!r}: {err.strerror or err}") from err
        if self.format == "parquet":
            try:
                self._parquet = pq.ParquetFile(path)
            except Exception as err:  # noqa: BLE001 - pyarrow raises several types
                raise InputError(f"cannot read input {path!r}: {err}") from err
            self.total = self._parquet.metadata.num_rows
            self.schema = self._parquet.schema_arrow
            self.fieldnames = list(self.schema.names)
        elif self.format in CSV_DELIMITERS:
            self._open_csv()

    @property
    def name(self) -> str:
        """The input as messages name it."""
        return "stdin" if self.path == STDIO else repr(self.path)

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
        read = {
            "jsonl": self._read_jsonl,
            "txt": self._read_txt,
            "parquet": self._read_parquet,
            "csv": self._read_csv,
            "tsv": self._read_csv,
        }[self.format]
        try:
            yield from read()
        except InputError:
            raise
        except (OSError, UnicodeError, csv.Error, pa.ArrowException) as err:
            raise InputError(f"cannot read input {self.name}: {err}") from err

    def _binary_lines(self) -> Iterator[bytes]:
        if self.path == STDIO:
            yield from sys.stdin.buffer
        else:
            with open(self.path, "rb") as fh:
                yield from fh

    def _decode(self, raw: bytes) -> str:
        return raw.decode(self.encoding, "surrogateescape")

    def _read_jsonl(self) -> Iterator[Any]:
        to_skip = self.skip
        for line_number, raw in enumerate(self._binary_lines(), start=1):
            if not raw.strip():
                self.blank_lines += 1  # blank lines are not records
                continue
            if to_skip:
                to_skip -= 1
                continue
            line = self._decode(raw).rstrip("\r\n")
            if line_number == 1:
                line = line.lstrip("\ufeff")  # a byte order mark
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                at = "" if err.msg.endswith(" at") else " at"  # "Unterminated string starting at"
                reason = f"invalid JSON: {err.msg}{at} column {err.colno}{self.bad_json_hint}"
                record = BadRecord(replace_surrogates(line), reason)
            except RecursionError:  # valid JSON nested deeper than Python's parser goes
                record = BadRecord(replace_surrogates(line), "invalid JSON: nested too deeply to read")
            yield LineRecord(record, line_number)

    def _read_txt(self) -> Iterator[Any]:
        field = self.text_field
        for line_number, raw in enumerate(self._binary_lines(), start=1):
            if line_number <= self.skip:
                continue
            line = self._decode(raw)
            if line.endswith("\n"):
                line = line[:-2] if line.endswith("\r\n") else line[:-1]
            yield LineRecord({field: line}, line_number)

    def _open_csv(self) -> None:
        allow_huge_csv_fields()
        encoding = "utf-8-sig" if self.encoding.replace("-", "").lower() == "utf8" else self.encoding
        stream: IO[str]
        if self.path == STDIO:
            stream = io.TextIOWrapper(sys.stdin.buffer, encoding=encoding, errors="surrogateescape", newline="")
        else:
            stream = open(self.path, newline="", encoding=encoding, errors="surrogateescape")
        reader = csv.reader(stream, delimiter=CSV_DELIMITERS[self.format])
        try:
            header = next(reader, [])
        except (csv.Error, UnicodeError) as err:
            stream.close()
            raise InputError(f"cannot read the CSV header of {self.name}: {err}") from err
        self.fieldnames = [replace_surrogates(name) for name in header]
        self._csv = (stream, reader)

    def _read_csv(self) -> Iterator[Any]:
        if self._csv is None:  # iterated again: read the file from its start
            self._open_csv()
        assert self._csv is not None
        (stream, reader), self._csv = self._csv, None
        header = self.fieldnames or []
        position = 0
        with stream:
            while True:
                start_line = reader.line_num + 1
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as err:
                    row: Any = BadRecord(f"line {start_line}", f"invalid CSV row: {err}")
                else:
                    if not cells:
                        self.blank_lines += 1
                        continue
                    row = _csv_record(header, cells)
                position += 1
                if position > self.skip:
                    yield LineRecord(row, start_line)

    def _read_parquet(self) -> Iterator[Any]:
        metadata = self._parquet.metadata
        start_group, to_skip = 0, self.skip  # skip whole row groups by their metadata
        while start_group < metadata.num_row_groups:
            rows = metadata.row_group(start_group).num_rows
            if to_skip < rows:
                break
            to_skip -= rows
            start_group += 1
        groups = list(range(start_group, metadata.num_row_groups))
        if not groups:
            return
        for batch in self._parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, row_groups=groups):
            rows = _batch_to_rows(batch)
            if to_skip:
                rows, to_skip = rows[to_skip:], max(0, to_skip - len(rows))
            yield from rows


def _csv_record(header: List[str], cells: List[str]) -> Any:
    """The row as a record; a row with more or fewer cells than the header is a BadRecord that keeps them."""
    record: Dict[str, Any] = dict(zip(header, cells))
    if len(cells) == len(header):
        return record
    for name in header[len(cells) :]:
        record[name] = None
    if len(cells) > len(header):
        record[EXTRA_FIELD] = cells[len(header) :]
    reason = (
        f"CSV row has {len(cells)} fields, the header has {len(header)} "
        "(a wrong delimiter, or a quote character inside an unquoted field?)"
    )
    return BadRecord(record, reason)


def allow_huge_csv_fields() -> None:
    """Let the csv module read fields of any size (its default limit is 131,072 characters)."""
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


def _batch_to_rows(batch: pa.RecordBatch) -> List[Dict[str, Any]]:
    try:
        return batch.to_pylist()
    except UnicodeDecodeError:
        # string columns holding invalid UTF-8: decode them value by value, like the text readers
        columns = {}
        for name, column in zip(batch.schema.names, batch.columns):
            if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
                values = column.cast(pa.binary()).to_pylist()
                columns[name] = [v if v is None else v.decode("utf-8", "surrogateescape") for v in values]
            else:
                columns[name] = column.to_pylist()
        return [dict(zip(columns, values)) for values in zip(*columns.values())]
