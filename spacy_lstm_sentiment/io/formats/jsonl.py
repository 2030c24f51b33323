"""JSON Lines (``.jsonl``, ``.ndjson``): one JSON value per line; also what ``-`` reads and writes.

Reading: blank lines are not records (skipped and counted); a line that is not valid JSON becomes a
`BadRecord` in its place. Writing: every input field plus ``sentiment``, ``scores`` and ``error``, one
object per line; values JSON cannot hold (timestamps, bytes, decimals) become strings. Resuming: the
complete lines of the partial file, up to the first one that is not a JSON object.
"""
import json
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Dict, Iterable, Iterator, List, Optional, Sequence

from ...text.repair import replace_surrogates
from ..base import FileFormat, FormatInput, PartialScan
from ..durable import InputFields, RecordWriter
from ..record_fields import ERROR_FIELD, BadRecord, LineRecord


def json_default(value: Any) -> Any:
    """How values JSON cannot hold are written: dates ISO, bytes decoded, anything else as ``str``."""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def dump_json_line(record: Dict[str, Any]) -> str:
    """One JSONL line (with its newline); non-JSON values such as timestamps become strings."""
    return json.dumps(record, ensure_ascii=False, default=json_default) + "\n"


class JsonlInput(FormatInput):
    def records(self, skip: int) -> Iterator[Any]:
        source = self.source
        to_skip = skip
        for line_number, raw in enumerate(source.binary_lines(), start=1):
            if not raw.strip():
                self.blank_lines += 1  # blank lines are not records
                continue
            if to_skip:
                to_skip -= 1
                continue
            line = source.decode(raw).rstrip("\r\n")
            if line_number == 1:
                line = line.lstrip("\ufeff")  # a byte order mark
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                at = "" if err.msg.endswith(" at") else " at"  # "Unterminated string starting at"
                reason = f"invalid JSON: {err.msg}{at} column {err.colno}{source.bad_json_hint}"
                record = BadRecord(replace_surrogates(line), reason)
            except RecursionError:  # valid JSON nested deeper than Python's parser goes
                record = BadRecord(replace_surrogates(line), "invalid JSON: nested too deeply to read")
            yield LineRecord(record, line_number)


class JsonlWriter(RecordWriter):
    """Writes records as JSON lines to an open text stream."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write_batch(self, records: Iterable[Dict[str, Any]]) -> None:
        self.stream.write("".join(dump_json_line(record) for record in records))
        self.stream.flush()


def make_writer(
    stream: IO[str], labels: Sequence[str], header: Optional[List[str]], input_fields: InputFields
) -> JsonlWriter:
    return JsonlWriter(stream)


def scan_jsonl(path: Path) -> PartialScan:
    """Complete records, records whose ``error`` is not null, byte size of the complete records.

    Each newline-terminated line is parsed; the kept part ends before the first line that is not a
    JSON object (which only a damaged file holds), so its records are scored again.
    """
    count = errors = size = 0
    with open(path, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break
            try:
                record = json.loads(line)
            except ValueError:
                break
            if not isinstance(record, dict):
                break
            count += 1
            size += len(line)
            errors += record.get(ERROR_FIELD) is not None
    return PartialScan(count, errors, size)


FORMAT = FileFormat(
    "jsonl",
    (".jsonl", ".ndjson"),
    read=JsonlInput,
    writer=make_writer,
    scan=scan_jsonl,
    to_stdout=True,
    nested=True,
)
