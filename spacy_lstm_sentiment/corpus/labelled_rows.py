"""What every corpus source yields: labelled rows, the label mapping, and the checks they share.

A source keeps the raw text and label of each row: validation (missing text, unknown label, ...)
happens later, in `preprocess`, so that bad rows are counted and listed instead of being dropped.
"""
import math
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Mapping, Optional, Union

from ..errors import SourceError

LabelMap = Dict[str, str]



@dataclass(frozen=True)
class LabelledRow:
    """One labelled row as found in the source.

    `row_number` is the 1-based data row number within its source (within its split for Hub datasets; a
    header line is not counted). `text` and `label` are kept raw (possibly None or not a string);
    `label` is already passed through the label mapping when one applies. `split` is the split the
    source itself assigns (Hub datasets), or None. A row with an `error` is rejected with it.
    """

    row_number: int
    text: Any
    label: Any
    extra: Dict[str, Any] = field(default_factory=dict)
    split: Optional[str] = None
    error: Optional[str] = None
    """Why the reader could not read the row as such (invalid JSON, a ragged CSV row), or None."""


@dataclass
class Source:
    """Labelled rows plus what the source knows about its labels and splits."""

    rows: Iterator[LabelledRow]
    label_names: Optional[List[str]] = None
    has_splits: bool = False


def parse_label_map(spec: Union[None, str, Mapping[Any, Any]]) -> Optional[LabelMap]:
    """Parse a label mapping such as "0:negative,1:neutral,2:positive" (or a dict) into {raw: name}.

    Keys are normalised with `label_key`, so `0`, `"0"` and `0.0` all match the key "0".
    """
    if spec is None or spec == "":
        return None
    if isinstance(spec, Mapping):
        return {label_key(k): str(v) for k, v in spec.items()}
    mapping: LabelMap = {}
    for item in spec.split(","):
        if not item.strip():
            continue
        key, sep, value = item.partition(":")
        if not sep or not key.strip() or not value.strip():
            raise SourceError(f"Bad label mapping item {item!r}: expected RAW:NAME, e.g. '0:negative,1:positive'")
        if label_key(key.strip()) in mapping:
            raise SourceError(f"Label mapping repeats the key {key.strip()!r}")
        mapping[label_key(key.strip())] = value.strip()
    return mapping


def label_key(raw: Any) -> str:
    """The string form of a raw label used for mapping look-ups (integral floats lose their '.0')."""
    if isinstance(raw, float) and math.isfinite(raw) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def map_label(raw: Any, label_map: Optional[LabelMap]) -> Any:
    """Apply the label mapping; a raw label that the mapping lacks is returned unchanged (validation flags it)."""
    if label_map is None or raw is None:
        return raw
    return label_map.get(label_key(raw), raw)


def dataset_rows(
    dataset: Any, text_column: str, label_column: str, label_map: Optional[LabelMap], split: Optional[str]
) -> Iterator[LabelledRow]:
    """The rows of a `datasets.Dataset` (or any iterable of dicts), numbered from 1."""
    for row_number, row in enumerate(dataset, start=1):
        yield labelled_row(row_number, row, text_column, label_column, label_map, split=split)


def labelled_row(
    row_number: int,
    row: Mapping[str, Any],
    text_column: str,
    label_column: str,
    label_map: Optional[LabelMap],
    *,
    split: Optional[str] = None,
    error: Optional[str] = None,
) -> LabelledRow:
    """One row as a labelled row: its text, its mapped label, every other column in `extra`."""
    extra = {k: v for k, v in row.items() if k not in (text_column, label_column)}
    label = map_label(row.get(label_column), label_map)
    return LabelledRow(row_number, row.get(text_column), label, extra, split, error=error)


def check_columns(columns: List[str], text_column: str, label_column: str, where: str) -> None:
    """Raise a SourceError naming the available columns when the text or label column is missing."""
    missing = [c for c in (text_column, label_column) if c not in columns]
    if missing:
        raise SourceError(
            f"Column(s) {missing} not found in {where}; available: {columns} "
            "(choose them with --text-column / --label-column)"
        )
