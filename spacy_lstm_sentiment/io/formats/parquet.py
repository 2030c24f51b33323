"""Parquet (``.parquet``): rows streamed by row group; written as part files, combined at commit.

Reading: ``fieldnames`` and ``schema`` come from the file's schema and ``total`` from its metadata;
whole row groups are skipped by their metadata when resuming; string columns with invalid UTF-8 are
decoded value by value, like the text readers. Writing: the input columns (typed like the input's
schema when it has one), then ``sentiment``, ``score_<label>`` and ``error``; a column whose values
Arrow cannot type consistently is stored as strings (JSON for non-strings). Every batch becomes a part
file ``OUTPUT.partial/part-NNNNNN.parquet`` (written as ``.tmp`` and renamed, so a part is complete or
absent); ``commit()`` streams the parts into one file with a unified schema and moves it onto OUTPUT.
Resuming: the rows of the complete part files.
"""
import json
import os
import shutil
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

import pyarrow as pa
import pyarrow.parquet as pq

from ...errors import InputError
from ...text.repair import replace_surrogates
from ..base import FileFormat, FormatInput, InputSource
from ..durable import DurableOutput, InputSchema, output_error, partial_path, remove, write_errors
from ..record_fields import ERROR_FIELD, flat_score_columns, flatten_record, record_fields
from .jsonl import json_default

PARQUET_BATCH_ROWS = 1024
COMBINED_ROW_GROUP = 65536


class ParquetInput(FormatInput):
    def __init__(self, source: InputSource) -> None:
        super().__init__(source)
        try:
            self._parquet = pq.ParquetFile(source.path)
        except Exception as err:  # noqa: BLE001 - pyarrow raises several types
            raise InputError(f"cannot read input {source.path!r}: {err}") from err
        self.total = self._parquet.metadata.num_rows
        self.schema = self._parquet.schema_arrow
        self.fieldnames = list(self.schema.names)

    def records(self, skip: int) -> Iterator[Any]:
        metadata = self._parquet.metadata
        start_group, to_skip = 0, skip  # skip whole row groups by their metadata
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
        else replace_surrogates(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=json_default))
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


def scan_parquet_parts(parts: List[Path]) -> Tuple[int, int]:
    """(rows, rows whose error is not null) of complete Parquet part files."""
    rows = errors = 0
    for part in parts:
        rows += pq.read_metadata(part).num_rows
        column = pq.read_table(part, columns=[ERROR_FIELD]).column(0)
        errors += len(column) - column.null_count
    return rows, errors


class ParquetOutput(DurableOutput):
    """Parquet part files in ``OUTPUT.partial/``, combined into OUTPUT by ``commit()``."""

    def __init__(
        self, output: str, labels: Sequence[str], *, resume: bool, input_schema: InputSchema, **_: Any
    ) -> None:
        self.output = output
        self.labels = list(labels)
        self.input_schema = input_schema
        self.partial = partial_path(output)
        self.target = str(self.partial)
        try:
            if resume and self.partial.is_dir():
                for tmp in self.partial.glob("*.tmp"):
                    tmp.unlink()
                self.done, self.done_errors = scan_parquet_parts(self._parts())
            else:
                remove(self.partial)
                self.partial.mkdir(parents=True)
        except pa.ArrowException as err:
            raise output_error(self.partial, err) from err
        self._next = len(self._parts())

    def _parts(self) -> List[Path]:
        return sorted(self.partial.glob("part-*.parquet"))

    @write_errors(pa.ArrowException)
    def write_batch(self, records: List[dict]) -> None:
        if not records:
            return
        table = records_to_table(records, self.labels, self.input_schema())
        part = self.partial / f"part-{self._next:06d}.parquet"
        tmp = part.with_name(part.name + ".tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, part)
        self._next += 1

    @write_errors(pa.ArrowException)
    def commit(self) -> None:
        parts = self._parts()
        schemas = [pq.read_schema(part) for part in parts]
        if not schemas:
            schemas = [records_to_table([], self.labels, self.input_schema()).schema]
        schema = unify_parquet_schemas(schemas, self.labels)
        combined = self.partial / "combined.parquet.tmp"
        with pq.ParquetWriter(combined, schema) as writer:
            buffered: List[pa.Table] = []
            rows = 0
            for part in parts:
                table = conform_table(pq.read_table(part), schema)
                buffered.append(table)
                rows += table.num_rows
                if rows >= COMBINED_ROW_GROUP:
                    writer.write_table(pa.concat_tables(buffered), row_group_size=rows)
                    buffered, rows = [], 0
            if buffered or not parts:
                writer.write_table(
                    pa.concat_tables(buffered) if buffered else schema.empty_table(),
                    row_group_size=max(rows, 1),
                )
        os.replace(combined, self.output)
        shutil.rmtree(self.partial)


FORMAT = FileFormat("parquet", (".parquet",), read=ParquetInput, open_output=ParquetOutput, from_stdin=False)
