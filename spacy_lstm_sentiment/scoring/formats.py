"""File formats of batch scoring: which reader or writer a path gets, and shared names.

Input: ``.jsonl`` (also ``.ndjson``), ``.csv``, ``.tsv``, ``.parquet``, ``.txt`` (one text per
line) and ``-`` (stdin: JSONL unless told otherwise), read by :mod:`.readers`. Output: ``.jsonl``,
``.csv``, ``.parquet`` and ``-`` (JSONL on stdout), written by :mod:`.writers`.
"""
from typing import Optional

from ..file_formats import format_of, suffixes_of

STDIO = "-"
INPUT_FORMATS = frozenset({"jsonl", "csv", "tsv", "parquet", "txt"})
OUTPUT_FORMATS = frozenset({"jsonl", "csv", "parquet"})


class InputError(Exception):
    """The input cannot be read (missing, unsupported or broken beyond single records)."""


def input_format(path: str) -> str:
    """The reader name for ``path``, raising InputError for an unsupported extension."""
    if path == STDIO:
        return "jsonl"
    fmt = format_of(path)
    if fmt not in INPUT_FORMATS:
        raise InputError(f"unsupported input format {path!r}: use {suffixes_of(INPUT_FORMATS)} or -")
    return fmt


def output_format(path: str) -> Optional[str]:
    """The writer name for ``path`` (``jsonl`` for ``-``), or None when unsupported."""
    if path == STDIO:
        return "jsonl"
    fmt = format_of(path)
    return fmt if fmt in OUTPUT_FORMATS else None
