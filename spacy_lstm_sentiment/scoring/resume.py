"""Resuming an interrupted run: how many complete records a partial output already holds.

JSONL: the complete lines; CSV: the complete rows, found by quote parity so quoted newlines are
handled; Parquet: the rows of the complete part files. A trailing partial line (or ``.tmp`` part)
does not count and is dropped by the output (:mod:`.outputs`). The caller skips that many input
records and appends, so with the same input and options every record ends up in OUTPUT exactly
once, in input order.
"""
import csv
from pathlib import Path
from typing import List, Optional, Tuple

import pyarrow.parquet as pq

from .records import ERROR_FIELD

JSONL_OK_ENDING = b'"error": null}'


def scan_jsonl(path: Path) -> Tuple[int, int, int]:
    """(complete lines, lines whose error is not null, byte size of the complete lines)."""
    count = errors = size = 0
    with open(path, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break
            count += 1
            size += len(line)
            if not line.rstrip().endswith(JSONL_OK_ENDING):
                errors += 1
    return count, errors, size


def scan_csv(path: Path) -> Tuple[int, int, int]:
    """(complete data rows, rows with a non-empty error cell, byte size of the complete rows).

    A line end closes a row when the number of quote characters so far is even (doubled quotes
    inside a field count twice). The error cell is last, so an empty one leaves the row ending
    in a comma.
    """
    rows = errors = size = 0
    quotes = 0
    pending = 0
    with open(path, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break
            quotes += line.count(b'"')
            pending += len(line)
            if quotes % 2:
                continue  # inside a quoted field
            rows += 1
            size += pending
            pending = 0
            if rows > 1 and not line.endswith(b",\n"):
                errors += 1
    return max(rows - 1, 0), errors, size


def read_csv_header(path: Path) -> Optional[List[str]]:
    """The header of a partial CSV output, or None when it has none."""
    with open(path, newline="", encoding="utf-8", errors="replace") as fh:
        return next(csv.reader(fh), None)


def scan_parquet_parts(parts: List[Path]) -> Tuple[int, int]:
    """(rows, rows whose error is not null) of complete Parquet part files."""
    rows = errors = 0
    for part in parts:
        rows += pq.read_metadata(part).num_rows
        column = pq.read_table(part, columns=[ERROR_FIELD]).column(0)
        errors += len(column) - column.null_count
    return rows, errors
