"""Resuming an interrupted run: how many complete records a partial output already holds.

JSONL: the complete lines; CSV: the complete rows, found by quote parity so quoted newlines are
handled; Parquet: the rows of the complete part files. Errored records (a non-null ``error``) are
counted from the parsed records, whatever their key order or spacing. A trailing partial line (or
``.tmp`` part) does not count and is dropped by the output (:mod:`.outputs`). The caller skips that
many input records and appends, so with the same input and options every record ends up in OUTPUT
exactly once, in input order.
"""
import csv
import io
import json
from pathlib import Path
from typing import List, Optional, Tuple

import pyarrow.parquet as pq

from .readers import allow_huge_csv_fields
from .records import ERROR_FIELD


def scan_jsonl(path: Path) -> Tuple[int, int, int]:
    """(complete records, records whose ``error`` is not null, byte size of the complete records).

    Each newline-terminated line is parsed; the kept part ends before the first line that is not a
    JSON object (which only a damaged file holds), so its records are scored again.
    """
    count = errors = size = 0
    with open(path, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break
            try:
                record = json.loads(line)
            except ValueError:
                break
            if not isinstance(record, dict):
                break
            count += 1
            size += len(line)
            errors += record.get(ERROR_FIELD) is not None
    return count, errors, size


def scan_csv(path: Path) -> Tuple[int, int, int, Optional[List[str]]]:
    """(complete data rows, rows with a non-empty ``error`` cell, byte size of the complete rows, the
    header's cells, or None when not even the header is complete).

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
    return max(rows - 1, 0), errors, size, header


def scan_parquet_parts(parts: List[Path]) -> Tuple[int, int]:
    """(rows, rows whose error is not null) of complete Parquet part files."""
    rows = errors = 0
    for part in parts:
        rows += pq.read_metadata(part).num_rows
        column = pq.read_table(part, columns=[ERROR_FIELD]).column(0)
        errors += len(column) - column.null_count
    return rows, errors
