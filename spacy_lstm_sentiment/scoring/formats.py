"""Streaming readers and writers for the batch-scoring file formats.

Input: ``.jsonl`` (also ``.ndjson``), ``.csv``, ``.parquet``, ``.txt`` (one text per line, read as
``{"text": line}``; empty lines are kept so output line N belongs to input line N) and ``-``
(JSONL on stdin). Files are read line by line or, for Parquet, batch by batch; nothing loads a
whole file. Invalid UTF-8 bytes are decoded with ``surrogateescape`` (no crash); the scoring step
replaces the resulting lone surrogates in the text by U+FFFD and counts the record as repaired.
A JSONL line that is not valid JSON, or a CSV row the csv module rejects, becomes a
:class:`~.records.BadRecord` and comes out with an ``error``, in its place.

Output: ``.jsonl`` / ``-`` keep every input field plus ``sentiment``, ``scores`` (label ->
probability) and ``error``; ``.csv`` and ``.parquet`` get flat columns ``sentiment``,
``score_<label>`` and ``error`` after the input columns. CSV columns are fixed by the CSV header
(CSV input) or by the keys of the first batch (other inputs). Any lone surrogate left in an output
string is written as U+FFFD, so output files are always valid UTF-8.
"""
import codecs
import csv
import json
import sys
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Dict, Iterable, Iterator, List, Optional, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from .records import (
    ERROR_FIELD,
    SCORES_FIELD,
    BadRecord,
    flat_score_columns,
    flatten_record,
    replace_surrogates,
)

STDIO = "-"
INPUT_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".txt": "txt"}
OUTPUT_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
PARQUET_BATCH_ROWS = 1024
OUTPUT_ERRORS = "lstm_sentiment_replace_surrogates"


def _replace_with_fffd(err: UnicodeError) -> Any:
    # the UTF-8 encoder accepts only ASCII str or bytes replacements: give U+FFFD's UTF-8 bytes
    if isinstance(err, UnicodeEncodeError) and err.encoding.replace("-", "").lower() == "utf8":
        return "\ufffd".encode("utf-8") * (err.end - err.start), err.end
    raise err


codecs.register_error(OUTPUT_ERRORS, _replace_with_fffd)


class InputError(Exception):
    """The input cannot be read (missing, unsupported or broken beyond single records)."""


def input_format(path: str) -> str:
    """The reader name for ``path``, raising InputError for an unsupported extension."""
    if path == STDIO:
        return "jsonl"
    fmt = INPUT_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(f"unsupported input format {path!r}: use {', '.join(INPUT_FORMATS)} or -")
    return fmt


def output_format(path: str) -> Optional[str]:
    """The writer name for ``path`` (``jsonl`` for ``-``), or None when unsupported."""
    if path == STDIO:
        return "jsonl"
    return OUTPUT_FORMATS.get(Path(path).suffix.lower())


# ---------------------------------------------------------------------------- readers


class RecordReader:
    """Iterates the records of one input, skipping the first ``skip`` (for ``--resume``).

    ``fieldnames`` is the column list when the format has one (CSV header, Parquet schema) once
    iteration has started; ``schema`` the Arrow schema of a Parquet input; ``total`` is the record count when known without reading (Parquet).
    """

    def __init__(self, path: str, *, skip: int = 0, text_field: str = "text") -> None:
        self.path = path
        self.format = input_format(path)
        self.skip = skip
        self.text_field = text_field
        self.fieldnames: Optional[List[str]] = None
        self.schema: Optional[pa.Schema] = None
        self.total: Optional[int] = None
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

    def __iter__(self) -> Iterator[Any]:
        read = {
            "jsonl": self._read_jsonl,
            "csv": self._read_csv,
            "txt": self._read_txt,
            "parquet": self._read_parquet,
        }[self.format]
        try:
            yield from read()
        except InputError:
            raise
        except (OSError, pa.ArrowException) as err:
            raise InputError(f"cannot read input {self.path!r}: {err}") from err

    def _binary_lines(self) -> Iterator[bytes]:
        if self.path == STDIO:
            yield from sys.stdin.buffer
        else:
            with open(self.path, "rb") as fh:
                yield from fh

    def _read_jsonl(self) -> Iterator[Any]:
        to_skip = self.skip
        for raw in self._binary_lines():
            if not raw.strip():
                continue  # blank lines are not records
            if to_skip:
                to_skip -= 1
                continue
            line = raw.decode("utf-8", "surrogateescape").rstrip("\r\n")
            try:
                yield json.loads(line)
            except ValueError as err:
                yield BadRecord(replace_surrogates(line), f"invalid JSON: {err}")

    def _read_txt(self) -> Iterator[Any]:
        field = self.text_field
        for number, raw in enumerate(self._binary_lines()):
            if number < self.skip:
                continue
            line = raw.decode("utf-8", "surrogateescape")
            if line.endswith("\n"):
                line = line[:-2] if line.endswith("\r\n") else line[:-1]
            yield {field: line}

    def _read_csv(self) -> Iterator[Any]:
        _allow_huge_csv_fields()
        with open(self.path, newline="", encoding="utf-8-sig", errors="surrogateescape") as fh:
            reader = csv.DictReader(fh, restkey="_extra")
            self.fieldnames = list(reader.fieldnames or [])
            position = 0
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as err:
                    row = BadRecord(f"line {reader.line_num}", f"invalid CSV row: {err}")
                position += 1
                if position > self.skip:
                    yield row

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


def _allow_huge_csv_fields() -> None:
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


# ---------------------------------------------------------------------------- writers


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def dump_json_line(record: Dict[str, Any]) -> str:
    """One JSONL line (with its newline); non-JSON values such as timestamps become strings."""
    return json.dumps(record, ensure_ascii=False, default=_json_default) + "\n"


def open_text_output(path: str, mode: str) -> IO[str]:
    """A UTF-8 text file for writing; lone surrogates are written as U+FFFD."""
    return open(path, mode, encoding="utf-8", errors=OUTPUT_ERRORS, newline="")


class JsonlWriter:
    """Writes records as JSON lines to an open text stream."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write_batch(self, records: Iterable[Dict[str, Any]]) -> None:
        self.stream.write("".join(dump_json_line(record) for record in records))
        self.stream.flush()


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
                    row[key] = json.dumps(value, ensure_ascii=False, default=_json_default)
            rows.append(row)
        self._writer.writerows(rows)
        self.stream.flush()


def record_fields(records: Iterable[Dict[str, Any]]) -> List[str]:
    """The union of the records' keys, in order of first appearance."""
    seen: Dict[str, None] = {}
    for record in records:
        for key in record:
            seen.setdefault(key, None)
    return list(seen)


def records_to_table(
    records: Sequence[Dict[str, Any]], labels: Sequence[str], input_schema: Optional[pa.Schema] = None
) -> pa.Table:
    """A Parquet-ready table: input columns (typed like ``input_schema`` when given), then the
    ``sentiment``, ``score_<label>`` and ``error`` columns. A column whose values Arrow cannot
    type consistently is stored as strings (JSON for non-strings)."""
    flat = [flatten_record(record, list(labels)) for record in records]
    score_columns = flat_score_columns(list(labels))
    fields = [f for f in record_fields(flat) if f not in score_columns] + score_columns
    arrays, schema_fields = [], []
    for name in fields:
        values = [row.get(name) for row in flat]
        if name in score_columns:
            typ = pa.string() if name in (score_columns[0], ERROR_FIELD) else pa.float64()
        elif input_schema is not None and name in input_schema.names:
            typ = input_schema.field(name).type
        else:
            typ = None
        array = _to_array(values, typ)
        arrays.append(array)
        schema_fields.append(pa.field(name, array.type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(schema_fields))


def _to_array(values: List[Any], typ: Optional[pa.DataType]) -> pa.Array:
    try:
        return pa.array(values, type=typ)
    except (pa.ArrowException, UnicodeEncodeError, TypeError, ValueError, OverflowError):
        pass
    as_text = [
        None
        if v is None
        else replace_surrogates(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=_json_default))
        for v in values
    ]
    return pa.array(as_text, type=pa.string())


def unify_parquet_schemas(schemas: Sequence[pa.Schema], labels: Sequence[str]) -> pa.Schema:
    """One schema for part files written batch by batch: types are promoted where Arrow can
    (null -> anything, int -> float), other conflicts become strings; score columns go last."""
    fields: Dict[str, pa.DataType] = {}
    for schema in schemas:
        for field in schema:
            known = fields.get(field.name)
            if known is None or known == field.type or pa.types.is_null(field.type):
                fields.setdefault(field.name, field.type)
                continue
            try:
                merged = pa.unify_schemas(
                    [pa.schema([(field.name, known)]), pa.schema([(field.name, field.type)])],
                    promote_options="permissive",
                )
                fields[field.name] = merged.field(field.name).type
            except (pa.ArrowException, TypeError):
                fields[field.name] = pa.string()
    score_columns = flat_score_columns(list(labels))
    order = [name for name in fields if name not in score_columns] + [c for c in score_columns if c in fields]
    return pa.schema([(name, fields[name]) for name in order])


def conform_table(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """Cast ``table`` to ``schema``: missing columns become nulls, uncastable ones strings (JSON)."""
    arrays = []
    for field in schema:
        if field.name not in table.column_names:
            arrays.append(pa.nulls(table.num_rows, type=field.type))
            continue
        column = table.column(field.name)
        try:
            arrays.append(column.cast(field.type))
        except (pa.ArrowException, TypeError):
            arrays.append(_to_array(column.to_pylist(), field.type))
    return pa.Table.from_arrays(arrays, schema=schema)
