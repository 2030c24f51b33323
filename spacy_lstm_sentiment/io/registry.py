"""The registry of file formats: every reader and writer of the package is found here by name or suffix.

Each format is one module in `formats/` with a `FORMAT` (`base.FileFormat`): its suffixes, reader,
writer and partial-file scanner (or its own durable output) and what it can do. Adding a format is a
new module and one line in `FORMATS`; `score`, `explain`, corpus preparation, their messages and the
CLI's `--input-format` choices read this list.
"""
from pathlib import Path
from typing import Callable, List, Optional, Sequence, Union

from ..errors import InputError
from .base import STDIO, FileFormat
from .durable import DurableOutput, InputFields, InputSchema, LineFileOutput, StdoutOutput, output_error, partial_path
from .formats import csv, json, jsonl, parquet, tsv, txt

FORMATS = (
    jsonl.FORMAT,
    json.FORMAT,
    csv.FORMAT,
    tsv.FORMAT,
    parquet.FORMAT,
    txt.FORMAT,
)
"""Every format, in the order messages list them."""



def get_format(name: str) -> FileFormat:
    """The format called `name` (KeyError when there is none)."""
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(name)


def format_of(path: Union[str, Path]) -> Optional[str]:
    """The format name of `path` from its suffix (case-insensitive), or None when unknown."""
    suffix = Path(path).suffix.lower()
    return next((fmt.name for fmt in FORMATS if suffix in fmt.suffixes), None)


def suffixes_of(formats: Sequence[str]) -> str:
    """All suffixes of `formats`, comma-separated, for error messages."""
    return ", ".join(suffix for fmt in FORMATS if fmt.name in formats for suffix in fmt.suffixes)


def input_formats() -> List[str]:
    """The names of the formats `score` and `explain` read."""
    return [fmt.name for fmt in FORMATS if fmt.is_input]


def output_formats(nested: bool = False) -> List[str]:
    """The names of the formats `score` writes (with ``nested``: those that keep nested fields)."""
    return [fmt.name for fmt in FORMATS if fmt.is_output and (fmt.nested or not nested)]


def stdout_format() -> FileFormat:
    return next(fmt for fmt in FORMATS if fmt.to_stdout)


def listed(names: Sequence[str], sep: str = ", ", last: str = " or ") -> str:
    """`.jsonl, .csv or .parquet`: the main suffix of each format, for help texts and messages."""
    suffixes = [get_format(name).suffix for name in names]
    return suffixes[0] if len(suffixes) == 1 else sep.join(suffixes[:-1]) + last + suffixes[-1]


def input_format(path: str) -> str:
    """The reader name for ``path``, raising InputError for an unsupported extension."""
    if path == STDIO:
        return stdout_format().name
    fmt = format_of(path)
    if fmt not in input_formats():
        raise InputError(f"unsupported input format {path!r}: use {suffixes_of(input_formats())} or -")
    return fmt


def output_format(path: str) -> Optional[str]:
    """The writer name for ``path`` (what ``-`` writes for it), or None when unsupported."""
    if path == STDIO:
        return stdout_format().name
    fmt = format_of(path)
    return fmt if fmt in output_formats() else None


def open_output(
    output: str,
    labels: Sequence[str],
    *,
    resume: bool = False,
    input_fields: InputFields = lambda: None,
    input_schema: InputSchema = lambda: None,
) -> DurableOutput:
    """The durable output for ``output`` (``-`` for stdout), resuming from its partial output if asked.

    ``input_fields`` / ``input_schema`` are called at the first write, when the reader knows them:
    they fix the CSV columns and the Parquet input column types.
    """
    if output == STDIO:
        return StdoutOutput(stdout_format().writer, labels, input_fields)  # type: ignore[arg-type]
    name = output_format(output)
    if name is None:
        raise ValueError(f"unsupported output format: {output!r}")
    fmt = get_format(name)
    opener: Callable[..., DurableOutput]
    if fmt.open_output is not None:
        opener = fmt.open_output
    else:
        opener = lambda *args, **kwargs: LineFileOutput(*args, make_writer=fmt.writer, scan=fmt.scan, **kwargs)  # noqa: E731
    try:
        return opener(output, labels, resume=resume, input_fields=input_fields, input_schema=input_schema)
    except OSError as err:
        raise output_error(partial_path(output), err) from err
