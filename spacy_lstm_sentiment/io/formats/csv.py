"""CSV (``.csv``): a header row names the columns; also the base of TSV (`tsv.py`).

Reading: ``fieldnames`` are known when the reader is made; blank lines are skipped and counted; a row
whose number of cells differs from the header's (a wrong delimiter or quoting) becomes a `BadRecord`
that keeps the cells it has; cells are strings (a tweet reading "NA" stays text). Writing: flat
records, the input's columns (its CSV header or Parquet schema, else the first batch's keys) then
``sentiment``, ``score_<label>`` and ``error``; nested values JSON-encoded, None an empty cell, ``\\n``
line ends. Resuming: the complete rows, found by quote parity so quoted newlines are handled.
"""
import csv
import io
import json
import sys
from pathlib import Path
from typing import IO, Any, Dict, Iterable, Iterator, List, Optional, Sequence

from ...errors import InputError
from ...text.repair import replace_surrogates
from ..base import STDIO, FileFormat, FormatInput, InputSource, PartialScan
from ..durable import InputFields, RecordWriter
from ..record_fields import (
    ERROR_FIELD,
    EXTRA_FIELD,
    SCORES_FIELD,
    BadRecord,
    LineRecord,
    flat_score_columns,
    flatten_record,
    record_fields,
)
from .jsonl import json_default


def allow_huge_csv_fields() -> None:
    """Let the csv module read fields of any size (its default limit is 131,072 characters)."""
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


class CsvInput(FormatInput):
    delimiter = ","

    def __init__(self, source: InputSource) -> None:
        super().__init__(source)
        self._csv: Optional[Any] = None
        self._open()

    def _open(self) -> None:
        allow_huge_csv_fields()
        source = self.source
        encoding = "utf-8-sig" if source.encoding.replace("-", "").lower() == "utf8" else source.encoding
        stream: IO[str]
        if source.path == STDIO:
            stream = io.TextIOWrapper(sys.stdin.buffer, encoding=encoding, errors="surrogateescape", newline="")
        else:
            stream = open(source.path, newline="", encoding=encoding, errors="surrogateescape")
        reader = csv.reader(stream, delimiter=self.delimiter)
        try:
            header = next(reader, [])
        except (csv.Error, UnicodeError) as err:
            stream.close()
            raise InputError(f"cannot read the CSV header of {source.name}: {err}") from err
        self.fieldnames = [replace_surrogates(name) for name in header]
        self._csv = (stream, reader)

    def records(self, skip: int) -> Iterator[Any]:
        if self._csv is None:  # iterated again: read the file from its start
            self._open()
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
                if position > skip:
                    yield LineRecord(row, start_line)


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


class CsvWriter:
    """Writes flat records (``score_<label>`` columns) as CSV rows with ``\\n`` line ends.

    Nested values are JSON-encoded, None becomes an empty cell. ``error`` is the last column.
    """

    def __init__(self, stream: IO[str], fieldnames: Sequence[str], labels: Sequence[str], *, header: bool) -> None:
        self.stream = stream
        self.labels = list(labels)
        self.fieldnames = list(fieldnames)
        self._writer = csv.DictWriter(stream, self.fieldnames, extrasaction="ignore", lineterminator="\n")
        if header:
            self._writer.writeheader()
            stream.flush()

    @staticmethod
    def columns(input_fields: Sequence[str], labels: Sequence[str]) -> List[str]:
        """Input fields followed by the score columns (input fields of the same name are replaced)."""
        scores = flat_score_columns(list(labels))
        return [f for f in input_fields if f not in scores and f != SCORES_FIELD] + scores

    def write_batch(self, records: Iterable[Dict[str, Any]]) -> None:
        rows = []
        for record in records:
            row = flatten_record(record, self.labels)
            for key, value in row.items():
                if isinstance(value, (dict, list)):
                    row[key] = json.dumps(value, ensure_ascii=False, default=json_default)
            rows.append(row)
        self._writer.writerows(rows)
        self.stream.flush()


class CsvOutputWriter(RecordWriter):
    """The CSV writer of a durable output: its columns are fixed at the first write (by the input's
    columns, else the first batch's keys) or by the header of a resumed partial file."""

    def __init__(
        self, stream: IO[str], labels: Sequence[str], header: Optional[List[str]], input_fields: InputFields
    ) -> None:
        self.stream = stream
        self.labels = list(labels)
        self.input_fields = input_fields
        self._writer = None if header is None else CsvWriter(stream, header, self.labels, header=False)

    def _start(self, records: List[dict]) -> CsvWriter:
        fields = self.input_fields() or [f for f in record_fields(records) if f != EXTRA_FIELD]
        return CsvWriter(self.stream, CsvWriter.columns(fields, self.labels), self.labels, header=True)

    def write_batch(self, records: List[dict]) -> None:
        if self._writer is None:
            self._writer = self._start(records)
        self._writer.write_batch(records)

    def finish(self) -> None:
        if self._writer is None:  # CSV without any record: still write the header
            self._writer = self._start([])


def scan_csv(path: Path) -> PartialScan:
    """Complete data rows, rows with a non-empty ``error`` cell, byte size of the complete rows, and the
    header's cells (None when not even the header is complete).

    A line end closes a row when the number of quote characters so far is even (doubled quotes
    inside a field count twice). Each complete row is parsed, and its cell in the header's
    ``error`` column (the last column when the header has none) is read.
    """
    rows = errors = size = 0
    quotes = 0
    pending: List[bytes] = []
    error_column = 0
    header: Optional[List[str]] = None
    allow_huge_csv_fields()
    with open(path, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break
            quotes += line.count(b'"')
            pending.append(line)
            if quotes % 2:
                continue  # inside a quoted field
            row_bytes = b"".join(pending)
            pending = []
            cells = next(csv.reader(io.StringIO(row_bytes.decode("utf-8", "replace"), newline="")), [])
            if rows == 0:
                header = cells
                error_column = cells.index(ERROR_FIELD) if ERROR_FIELD in cells else len(cells) - 1
            elif 0 <= error_column < len(cells) and cells[error_column]:
                errors += 1
            rows += 1
            size += len(row_bytes)
    return PartialScan(max(rows - 1, 0), errors, size, header)


FORMAT = FileFormat("csv", (".csv",), read=CsvInput, writer=CsvOutputWriter, scan=scan_csv)
