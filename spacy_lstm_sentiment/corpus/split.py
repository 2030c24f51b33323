"""The fixed train/dev/test split and the de-duplication that precedes it.

The rule is part of the project's contract (figures are compared across its life), so it must not
change: on the raw text, before any normalisation, keep one row per distinct text (the first),
drop every row of a text that carries more than one label, then
`bucket = int(sha1(text.encode("utf8")).hexdigest(), 16) % 10`: bucket 0 is test, 1 is dev, the
rest train.
"""
import hashlib
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Hashable, Iterable, List

from .labelled_rows import LabelledRow

N_BUCKETS = 10
TEST_BUCKET = 0
DEV_BUCKET = 1
SPLITS = ("train", "dev", "test")
DUPLICATE = "duplicate"
CONFLICTING_LABELS = "conflicting_labels"
MAX_ROWS_IN_DETAIL = 10


def split_bucket(text: str) -> int:
    """The hash bucket (0-9) of a raw text."""
    return int(hashlib.sha1(text.encode("utf8")).hexdigest(), 16) % N_BUCKETS


def hash_split(text: str) -> str:
    """The split ("train", "dev" or "test") that the fixed rule assigns to a raw text."""
    bucket = split_bucket(text)
    if bucket == TEST_BUCKET:
        return "test"
    if bucket == DEV_BUCKET:
        return "dev"
    return "train"


@dataclass(frozen=True)
class Dropped:
    """A row left out by de-duplication, with the reason and a human-readable detail."""

    row: LabelledRow
    reason: str
    detail: str


@dataclass
class DedupResult:
    """Rows kept (first occurrences, source order) and the ones dropped, each with its reason."""

    kept: List[LabelledRow] = field(default_factory=list)
    dropped: List[Dropped] = field(default_factory=list)
    conflicting_texts: int = 0  # distinct texts dropped because their rows disagree on the label

    def count(self, reason: str) -> int:
        """How many rows were dropped for `reason`."""
        return sum(1 for d in self.dropped if d.reason == reason)


def text_key(row: LabelledRow) -> Hashable:
    """De-duplication key for the hash split: the raw text."""
    return row.text


def split_and_text_key(row: LabelledRow) -> Hashable:
    """De-duplication key when the source brings its own splits: duplicates only count within a split."""
    return (row.split, row.text)


def deduplicate(rows: Iterable[LabelledRow], key: Callable[[LabelledRow], Hashable] = text_key) -> DedupResult:
    """Keep the first row of each distinct key; drop every row of a key seen with different labels.

    Expects validated rows (string text, known label); keys are compared exactly, so the raw
    text must not have been normalised.
    """
    groups: Dict[Hashable, List[LabelledRow]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    result = DedupResult()
    for group in groups.values():  # dicts keep first-insertion order
        labels = _distinct(r.label for r in group)
        if len(labels) > 1:
            seen = ", ".join(f"row {r.row_number}: {r.label}" for r in group[:MAX_ROWS_IN_DETAIL])
            if len(group) > MAX_ROWS_IN_DETAIL:
                seen += f", ... {len(group)} rows in all"
            result.dropped.extend(Dropped(r, CONFLICTING_LABELS, f"labels disagree ({seen})") for r in group)
            result.conflicting_texts += 1
            continue
        first, *rest = group
        result.kept.append(first)
        result.dropped.extend(Dropped(r, DUPLICATE, f"same text and label as row {first.row_number}") for r in rest)
    result.dropped.sort(key=lambda d: (d.row.split or "", d.row.row_number))
    return result


def _distinct(values: Iterable[Any]) -> List[Any]:
    out: List[Any] = []
    for value in values:
        if value not in out:
            out.append(value)
    return out
