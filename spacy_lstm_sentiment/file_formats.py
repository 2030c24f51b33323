"""File formats by suffix: one table for every reader and writer in the package.

Each consumer states which of these formats it supports: batch scoring reads jsonl, csv, parquet
and txt and writes jsonl, csv and parquet; corpus preparation reads csv, tsv, json, jsonl and parquet.
"""
from pathlib import Path
from typing import Collection, Optional, Union

FORMAT_BY_SUFFIX = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
    ".txt": "txt",
}


def format_of(path: Union[str, Path]) -> Optional[str]:
    """The format name of `path` from its suffix (case-insensitive), or None when unknown."""
    return FORMAT_BY_SUFFIX.get(Path(path).suffix.lower())


def suffixes_of(formats: Collection[str]) -> str:
    """The suffixes of `formats`, comma-separated, for error messages."""
    return ", ".join(suffix for suffix, name in FORMAT_BY_SUFFIX.items() if name in formats)
