"""Streaming readers for the batch-scoring inputs: nothing loads a whole file.

Files are read line by line or, for Parquet, batch by batch. ``.txt`` lines are read as
``{text_field: line}``; empty lines are kept so output line N belongs to input line N. Invalid UTF-8
bytes are decoded with ``surrogateescape`` (no crash); the scoring step replaces the resulting lone
surrogates in the text by U+FFFD and counts the record as repaired. A JSONL line that is not valid
JSON, or a CSV row the csv module rejects, becomes a :class:`~.records.BadRecord` and comes out with
an ``error``, in its place.
"""
import csv
import json
import sys
from typing import Any, Dict, Iterator, List, Optional

import pyarrow as pa
import pyarrow.parquet as pq

from .formats import STDIO, InputError, input_format
from .records import BadRecord, replace_surrogates

PARQUET_BATCH_ROWS = 1024


class RecordReader:
    """Iterates the records of one input, skipping the first ``skip`` (for ``--resume``).

    ``fieldnames`` is the column list when the format has one (CSV header, Parquet schema) once
    iteration has started; ``schema`` the Arrow schema of a Parquet input; ``total`` is the record
    count when known without reading (Parquet).
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
        allow_huge_csv_fields()
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
