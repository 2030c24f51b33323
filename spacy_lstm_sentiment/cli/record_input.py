"""The input side of the record commands (`score`, `explain`): the --input-format choices, from the
registry of file formats (`io/registry.py`), and how the commands name them in help texts."""
from enum import Enum

from ..io.registry import get_format, input_formats, output_formats

InputFormat = Enum("InputFormat", {name: name for name in input_formats()}, type=str)  # type: ignore[misc]
"""`--input-format`: every format `score` reads."""


def input_suffixes() -> str:
    """`.jsonl/.csv/.tsv/.parquet/.txt`."""
    return "/".join(get_format(name).suffix for name in input_formats())


def output_suffixes(nested: bool = False) -> str:
    """`.jsonl/.csv/.parquet` (with ``nested``: the formats that keep nested fields)."""
    return "/".join(get_format(name).suffix for name in output_formats(nested))
