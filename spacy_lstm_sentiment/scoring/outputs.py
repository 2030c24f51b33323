"""Durable output: write to ``OUTPUT.partial`` next to OUTPUT, move into place at the end.

* JSONL / CSV: records are appended to the file ``OUTPUT.partial`` and flushed after every batch,
  so a killed run loses at most the batch in flight. ``commit()`` moves the file onto OUTPUT with
  an atomic ``os.replace``; OUTPUT never holds a half-written file.
* Parquet: every batch becomes a part file ``OUTPUT.partial/part-NNNNNN.parquet`` (written as
  ``.tmp`` and renamed, so a part is complete or absent). ``commit()`` streams the parts into one
  file with a unified schema and moves it onto OUTPUT.
* ``-``: JSONL on stdout, flushed after every batch.

With ``resume=True`` the complete records of the partial output are kept (counted by
:mod:`.resume`) and a trailing partial line or part is dropped; without it a partial output from an
earlier run is discarded. A failed write (a full disk, a lost mount) raises :class:`OutputError`
with one line naming the path; what was written before stays for ``--resume``.
"""
import functools
import os
import shutil
import sys
from pathlib import Path
from typing import IO, Any, Callable, List, Optional, Sequence, TypeVar

import pyarrow as pa
import pyarrow.parquet as pq

from .formats import STDIO, output_format
from .records import EXTRA_FIELD
from .resume import scan_csv, scan_jsonl, scan_parquet_parts
from .writers import (
    OUTPUT_ERRORS,
    CsvWriter,
    JsonlWriter,
    conform_table,
    dump_json_line,
    open_text_output,
    record_fields,
    records_to_table,
    unify_parquet_schemas,
)

PARTIAL_SUFFIX = ".partial"
COMBINED_ROW_GROUP = 65536


_Method = TypeVar("_Method", bound=Callable[..., Any])


class OutputError(Exception):
    """The output cannot be written; the message is one line naming the path and the reason."""


def _output_errors(method: _Method) -> _Method:
    """Turn an OSError (or Arrow I/O error) of a write into an OutputError naming the output."""

    @functools.wraps(method)
    def wrapper(self: "ScoredOutput", *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except BrokenPipeError:
            raise  # the reader of stdout went away: the caller stops quietly
        except (OSError, pa.ArrowException) as err:
            raise _output_error(self.target, err) from err

    return wrapper  # type: ignore[return-value]


def _output_error(target: object, err: Exception) -> OutputError:
    """`cannot write TARGET: reason` for an OSError or Arrow I/O error."""
    return OutputError(f"cannot write {target}: {getattr(err, 'strerror', None) or err}")


def partial_path(output: str) -> Path:
    """Where an unfinished run keeps its output (a file, or a directory for Parquet)."""
    return Path(output + PARTIAL_SUFFIX)


class ScoredOutput:
    """Base class: ``done`` / ``done_errors`` describe records kept from an interrupted run."""

    done = 0
    done_errors = 0
    target = "the output"
    """What error messages call the place written to."""

    def write_batch(self, records: List[dict]) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        """Finish the output (for files: move the partial output onto OUTPUT)."""

    def close(self) -> None:
        """Release open files without committing; a partial output stays for ``--resume``."""


class StdoutOutput(ScoredOutput):
    """JSONL on stdout, flushed after every batch; nothing else is ever written to stdout."""

    target = "stdout"

    @_output_errors
    def write_batch(self, records: List[dict]) -> None:
        data = "".join(dump_json_line(record) for record in records)
        sys.stdout.buffer.write(data.encode("utf-8", OUTPUT_ERRORS))
        sys.stdout.buffer.flush()


class LineFileOutput(ScoredOutput):
    """JSONL or CSV written to ``OUTPUT.partial``, committed with ``os.replace``."""

    def __init__(
        self,
        output: str,
        fmt: str,
        labels: Sequence[str],
        *,
        resume: bool,
        input_fields: Callable[[], Optional[List[str]]],
    ) -> None:
        self.output = output
        self.format = fmt
        self.labels = list(labels)
        self.input_fields = input_fields
        self.partial = partial_path(output)
        self.target = str(self.partial)
        self._writer: Optional[object] = None
        header: Optional[List[str]] = None
        if resume and self.partial.is_file():
            if fmt == "csv":
                self.done, self.done_errors, size, header = scan_csv(self.partial)
            else:
                self.done, self.done_errors, size = scan_jsonl(self.partial)
            with open(self.partial, "r+b") as fh:
                fh.truncate(size)
            self.stream: IO[str] = open_text_output(str(self.partial), "a")
        else:
            _remove(self.partial)
            self.stream = open_text_output(str(self.partial), "w")
        if fmt == "jsonl":
            self._writer = JsonlWriter(self.stream)
        elif header is not None:
            self._writer = CsvWriter(self.stream, header, self.labels, header=False)

    def _csv_writer(self, records: List[dict]) -> CsvWriter:
        fields = self.input_fields() or [f for f in record_fields(records) if f != EXTRA_FIELD]
        return CsvWriter(self.stream, CsvWriter.columns(fields, self.labels), self.labels, header=True)

    @_output_errors
    def write_batch(self, records: List[dict]) -> None:
        if self._writer is None:
            self._writer = self._csv_writer(records)
        self._writer.write_batch(records)  # type: ignore[attr-defined]

    @_output_errors
    def commit(self) -> None:
        if self._writer is None:  # CSV without any record: still write the header
            self._writer = self._csv_writer([])
        self.stream.close()
        os.replace(self.partial, self.output)

    def close(self) -> None:
        if not self.stream.closed:
            try:
                self.stream.close()
            except OSError:
                pass  # the flush failed (e.g. disk full): --resume drops the half-written line


class ParquetOutput(ScoredOutput):
    """Parquet part files in ``OUTPUT.partial/``, combined into OUTPUT by ``commit()``."""

    def __init__(
        self,
        output: str,
        labels: Sequence[str],
        *,
        resume: bool,
        input_schema: Callable[[], Optional[pa.Schema]],
    ) -> None:
        self.output = output
        self.labels = list(labels)
        self.input_schema = input_schema
        self.partial = partial_path(output)
        self.target = str(self.partial)
        if resume and self.partial.is_dir():
            for tmp in self.partial.glob("*.tmp"):
                tmp.unlink()
            self.done, self.done_errors = scan_parquet_parts(self._parts())
        else:
            _remove(self.partial)
            self.partial.mkdir(parents=True)
        self._next = len(self._parts())

    def _parts(self) -> List[Path]:
        return sorted(self.partial.glob("part-*.parquet"))

    @_output_errors
    def write_batch(self, records: List[dict]) -> None:
        if not records:
            return
        table = records_to_table(records, self.labels, self.input_schema())
        part = self.partial / f"part-{self._next:06d}.parquet"
        tmp = part.with_name(part.name + ".tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, part)
        self._next += 1

    @_output_errors
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


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def open_output(
    output: str,
    labels: Sequence[str],
    *,
    resume: bool = False,
    input_fields: Callable[[], Optional[List[str]]] = lambda: None,
    input_schema: Callable[[], Optional[pa.Schema]] = lambda: None,
) -> ScoredOutput:
    """The output for ``output`` (``-`` for stdout), resuming from its partial output if asked.

    ``input_fields`` / ``input_schema`` are called at the first write, when the reader knows them:
    they fix the CSV columns and the Parquet input column types.
    """
    if output == STDIO:
        return StdoutOutput()
    fmt = output_format(output)
    if fmt is None:
        raise ValueError(f"unsupported output format: {output!r}")
    try:
        if fmt == "parquet":
            return ParquetOutput(output, labels, resume=resume, input_schema=input_schema)
        return LineFileOutput(output, fmt, labels, resume=resume, input_fields=input_fields)
    except (OSError, pa.ArrowException) as err:
        raise _output_error(partial_path(output), err) from err
