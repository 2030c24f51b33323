"""The input side of the record commands (`score`, `explain`): the --input-format choices and the reader."""
from enum import Enum
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from ..scoring.readers import RecordReader


class InputFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    txt = "txt"
    parquet = "parquet"


def open_reader(
    input_path: str, input_format: Optional[InputFormat], text_field: str, id_field: Optional[str]
) -> "RecordReader":
    """The input's reader; InputError when it cannot be opened or its columns lack the text or id field."""
    from ..scoring.readers import RecordReader

    fmt = input_format.value if input_format is not None else None
    reader = RecordReader(input_path, fmt=fmt, text_field=text_field)
    if input_format is None and reader.format == "jsonl":
        reader.bad_json_hint = (
            f" ({reader.name} is read as JSONL, one JSON object per line; for other input use "
            "--input-format txt, csv, tsv or parquet)"
        )
    reader.require_column(text_field, "--text-field")
    if id_field is not None:
        reader.require_column(id_field, "--id-field")
    return reader
