"""A toy output format, to show (and test) what adding a format takes: this module, and one line in
`FORMATS` of `spacy_lstm_sentiment/io/registry.py` (the test adds it with monkeypatch).

`.lines`: one line per record, ``<sentiment or ERROR>\\t<text>``; resuming counts the complete lines.
"""
from pathlib import Path
from typing import IO, List, Optional, Sequence

from spacy_lstm_sentiment.io.base import FileFormat, PartialScan
from spacy_lstm_sentiment.io.durable import InputFields, RecordWriter


class LinesWriter(RecordWriter):
    def __init__(self, stream: IO[str], labels: Sequence[str], header: Optional[List[str]], input_fields: InputFields):
        self.stream = stream

    def write_batch(self, records: List[dict]) -> None:
        lines = (f"{record['sentiment'] or 'ERROR'}\t{record.get('text')}\n" for record in records)
        self.stream.write("".join(lines))
        self.stream.flush()


def scan_lines(path: Path) -> PartialScan:
    records = errors = size = 0
    with open(path, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break
            records, size = records + 1, size + len(line)
            errors += line.startswith(b"ERROR\t")
    return PartialScan(records, errors, size)


FORMAT = FileFormat("lines", (".lines",), writer=LinesWriter, scan=scan_lines)
