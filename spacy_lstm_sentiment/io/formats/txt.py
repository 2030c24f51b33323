"""Plain text (``.txt``): every line is a record ``{text_field: line}``, empty lines included, so output
record N belongs to input line N. Input only."""
from typing import Any, Iterator

from ..base import FileFormat, FormatInput
from ..record_fields import LineRecord


class TextInput(FormatInput):
    def records(self, skip: int) -> Iterator[Any]:
        source = self.source
        field = source.text_field
        for line_number, raw in enumerate(source.binary_lines(), start=1):
            if line_number <= skip:
                continue
            line = source.decode(raw)
            if line.endswith("\n"):
                line = line[:-2] if line.endswith("\r\n") else line[:-1]
            yield LineRecord({field: line}, line_number)


FORMAT = FileFormat("txt", (".txt",), read=TextInput)
