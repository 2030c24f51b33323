"""File formats of batch scoring: which reader or writer a path gets, and shared names.

Input: ``.jsonl`` (also ``.ndjson``), ``.csv``, ``.parquet``, ``.txt`` (one text per line) and ``-``
(JSONL on stdin), read by :mod:`.readers`. Output: ``.jsonl``, ``.csv``, ``.parquet`` and ``-``
(JSONL on stdout), written by :mod:`.writers`.
"""
from pathlib import Path
from typing import Optional

STDIO = "-"
INPUT_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".txt": "txt"}
OUTPUT_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}


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
