"""The fields of a scored record, the two wrappers readers hand records in, and the flat (table) layout.

A scored record is its input fields plus ``sentiment`` (top label or None), ``scores`` ({label:
probability} or None) and ``error`` (None when scored), in that order, ``error`` last; ``sentences``
(with ``--sentences``) sits before ``error``. Table formats (CSV, Parquet) replace ``scores`` by one
``score_<label>`` column per label.
"""
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping

SENTIMENT_FIELD = "sentiment"
SCORES_FIELD = "scores"
SENTENCES_FIELD = "sentences"
ERROR_FIELD = "error"
RAW_FIELD = "_raw"
"""Field holding an input line that could not be parsed into a record, or a non-object JSON value."""
EXTRA_FIELD = "_extra"
"""Field holding the cells of a CSV row beyond its header's columns."""


@dataclass(frozen=True)
class BadRecord:
    """An input unit that a reader could not turn into a record; it is passed on, not dropped.

    ``raw`` is what was read: a mapping (its fields are kept, e.g. a ragged CSV row's cells under
    the header's names) or anything else (kept under ``_raw``).
    """

    raw: Any
    reason: str


@dataclass(frozen=True)
class LineRecord:
    """A record from a line-based input (JSONL, CSV, text) with the file line it starts on."""

    record: Any
    line: int


def flat_score_columns(labels: List[str]) -> List[str]:
    """Flat column names for table formats: ``sentiment``, ``score_<label>``..., ``error``."""
    return [SENTIMENT_FIELD] + [f"score_{label}" for label in labels] + [ERROR_FIELD]


def flatten_record(record: Mapping[str, Any], labels: List[str]) -> Dict[str, Any]:
    """Replace the nested ``scores`` mapping by one ``score_<label>`` column per label.

    The other fields keep their order; the score columns come after them, then ``error`` is moved to
    the end. For a finished record (which has ``sentiment``, ``scores``, ``error`` last) that is the
    input fields followed by :func:`flat_score_columns`.
    """
    flat = {k: v for k, v in record.items() if k != SCORES_FIELD}
    scores = record.get(SCORES_FIELD) or {}
    for label in labels:
        flat[f"score_{label}"] = scores.get(label)
    flat[ERROR_FIELD] = flat.pop(ERROR_FIELD, None)  # move error after the score columns
    return flat


def record_fields(records: Iterable[Dict[str, Any]]) -> List[str]:
    """The union of the records' keys, in order of first appearance."""
    seen: Dict[str, None] = {}
    for record in records:
        for key in record:
            seen.setdefault(key, None)
    return list(seen)
