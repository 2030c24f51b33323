"""TSV (``.tsv``): CSV with tab-separated cells (`csv.py`). Input only."""
from ..base import FileFormat
from .csv import CsvInput


class TsvInput(CsvInput):
    delimiter = "\t"


FORMAT = FileFormat("tsv", (".tsv",), read=TsvInput)
