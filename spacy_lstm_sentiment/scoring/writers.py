"""Writers for the batch-scoring outputs.

``.jsonl`` / ``-`` keep every input field plus ``sentiment``, ``scores`` (label -> probability) and
``error``; ``.csv`` and ``.parquet`` get flat columns ``sentiment``, ``score_<label>`` and ``error``
after the input columns. CSV columns are fixed by the input's own columns (a CSV header, a Parquet
schema) or, for JSONL and text input, by the keys of the first batch written. Any lone surrogate left
in an output string is written as U+FFFD, so output files are always valid UTF-8.
"""
import codecs
import csv
import json
from datetime import date, datetime, time
from decimal import Decimal
from typing import IO, Any, Dict, Iterable, List, Optional, Sequence

import pyarrow as pa

from .records import ERROR_FIELD, SCORES_FIELD, flat_score_columns, flatten_record, replace_surrogates

OUTPUT_ERRORS = "lstm_sentiment_replace_surrogates"


def _replace_with_fffd(err: UnicodeError) -> Any:
    # the UTF-8 encoder accepts only ASCII str or bytes replacements: give U+FFFD's UTF-8 bytes
    if isinstance(err, UnicodeEncodeError) and err.encoding.replace("-", "").lower() == "utf8":
        return "\ufffd".encode("utf-8") * (err.end - err.start), err.end
    raise err


codecs.register_error(OUTPUT_ERRORS, _replace_with_fffd)


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
