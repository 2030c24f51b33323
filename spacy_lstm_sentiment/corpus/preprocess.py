"""Labelled rows -> `train.spacy`, `dev.spacy`, `test.spacy` (spaCy DocBins with one-hot `doc.cats`).

Order of operations: validate each row (bad rows are rejected with a reason, never dropped
silently) -> de-duplicate and drop conflicting labels on the raw text -> split (fixed hash rule, or
the source's own splits) -> normalise the text -> tokenize with `spacy.blank(lang)`. Alongside the
DocBins it writes `stats.json` (class counts per split, rejection counts) and `rejected.jsonl`
(one line per unused row: row number, reason, detail, text, label).
"""
import json
import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from ..errors import PreprocessError
from ..io.report_files import write_json
from ..labels import DEFAULT_LABELS
from ..text.normalize import normalize_text
from .labelled_rows import LabelledRow, Source, label_key
from .split import SPLITS, Dropped, deduplicate, hash_split, split_and_text_key, text_key

SPLIT_BY_CHOICES = ("auto", "hash", "source")
STATS_FILE = "stats.json"
REJECTED_FILE = "rejected.jsonl"

MISSING_TEXT = "missing_text"
NON_STRING_TEXT = "non_string_text"
EMPTY_TEXT = "empty_text"
MISSING_LABEL = "missing_label"
UNKNOWN_LABEL = "unknown_label"
UNKNOWN_SPLIT = "unknown_split"
EMPTY_AFTER_NORMALIZATION = "empty_after_normalization"
UNREADABLE_ROW = "unreadable_row"



@dataclass(frozen=True)
class Rejected:
    """A source row that did not make it into the corpus."""

    row: int
    split: Optional[str]
    reason: str
    detail: str
    text: Any
    label: Any

    @classmethod
    def from_row(cls, row: LabelledRow, reason: str, detail: str) -> "Rejected":
        return cls(row.row_number, row.split, reason, detail, row.text, row.label)


@dataclass
class CorpusStats:
    """What `preprocess` did: the numbers written to `stats.json`."""

    input: str
    labels: List[str]
    split_by: str
    lang: str
    fix_encoding: bool
    placeholders: bool
    rows_read: int = 0
    docs_written: int = 0
    class_counts: Dict[str, Dict[str, int]] = field(default_factory=dict)
    rejected: Dict[str, int] = field(default_factory=dict)
    conflicting_texts: int = 0
    texts_in_several_splits: int = 0
    files: Dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


def resolve_labels(labels: Optional[Sequence[str]], source: Source) -> List[str]:
    """The label set: explicit `labels`, else the source's label names, else negative/neutral/positive."""
    chosen = list(labels) if labels else (source.label_names or list(DEFAULT_LABELS))
    if len(chosen) < 2:
        raise PreprocessError(f"Need at least two labels, got {chosen}")
    if len(set(chosen)) != len(chosen):
        raise PreprocessError(f"Labels must be distinct, got {chosen}")
    return chosen


def resolve_split_by(split_by: str, source: Source) -> str:
    """'auto' becomes 'source' for sources with their own splits (Hub datasets), 'hash' otherwise."""
    if split_by not in SPLIT_BY_CHOICES:
        raise PreprocessError(f"--split-by must be one of {SPLIT_BY_CHOICES}, got {split_by!r}")
    if split_by == "auto":
        return "source" if source.has_splits else "hash"
    if split_by == "source" and not source.has_splits:
        raise PreprocessError("This source has no train/validation/test splits of its own: use --split-by hash")
    return split_by


def check_row(row: LabelledRow, labels: Sequence[str]) -> Optional[Tuple[str, str]]:
    """(reason, detail) when a row cannot be used, else None. Does not look at other rows."""
    if row.error is not None:
        return UNREADABLE_ROW, row.error
    text = row.text
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return MISSING_TEXT, "no text"
    if not isinstance(text, str):
        return NON_STRING_TEXT, f"text is {type(text).__name__}, not str"
    if not text.strip():
        return EMPTY_TEXT, "text is empty or whitespace"
    label = row.label
    if label is None or (isinstance(label, float) and math.isnan(label)) or label == "":
        return MISSING_LABEL, "no label"
    if label_key(label) not in labels:
        return UNKNOWN_LABEL, f"label {label!r} is not one of {list(labels)} (map it with --label-map)"
    return None


def validate(
    rows: Iterable[LabelledRow], labels: Sequence[str], rejected: List[Rejected]
) -> Iterator[LabelledRow]:
    """Yield usable rows with the label as its canonical string; append the others to `rejected`."""
    for row in rows:
        problem = check_row(row, labels)
        if problem is None:
            yield LabelledRow(row.row_number, row.text, label_key(row.label), row.extra, row.split)
        else:
            rejected.append(Rejected.from_row(row, *problem))


def one_hot(label: str, labels: Sequence[str]) -> Dict[str, float]:
    """`doc.cats` for an exclusive label: 1.0 for `label`, 0.0 for the others."""
    return {name: 1.0 if name == label else 0.0 for name in labels}


def preprocess(
    source: Source,
    output_dir: Union[str, Path],
    *,
    input_name: str = "",
    labels: Optional[Sequence[str]] = None,
    lang: str = "en",
    fix_encoding: bool = True,
    placeholders: bool = False,
    split_by: str = "auto",
) -> CorpusStats:
    """Build the three DocBins plus `stats.json` and `rejected.jsonl` in `output_dir`; return the stats."""
    import spacy
    from spacy.tokens import DocBin

    label_list = resolve_labels(labels, source)
    mode = resolve_split_by(split_by, source)
    stats = CorpusStats(input_name, label_list, mode, lang, fix_encoding, placeholders)
    nlp = spacy.blank(lang)

    rejected: List[Rejected] = []
    counted = _CountingIterator(source.rows)
    valid = list(validate(counted, label_list, rejected))
    stats.rows_read = counted.count
    dedup = deduplicate(valid, key=text_key if mode == "hash" else split_and_text_key)
    rejected.extend(_rejected_from_dropped(dedup.dropped))
    stats.conflicting_texts = dedup.conflicting_texts

    doc_bins = {name: DocBin(attrs=["ORTH"], store_user_data=False) for name in SPLITS}
    counts: Dict[str, Counter] = {name: Counter() for name in SPLITS}
    splits_of_text: Dict[str, set] = {}
    for row in dedup.kept:
        split = hash_split(row.text) if mode == "hash" else row.split
        if split not in doc_bins:
            detail = f"source split {split!r} is not one of {SPLITS}"
            rejected.append(Rejected.from_row(row, UNKNOWN_SPLIT, detail))
            continue
        text = normalize_text(row.text, fix_encoding=fix_encoding, placeholders=placeholders)
        if not text.strip():
            detail = "text is empty after normalisation"
            rejected.append(Rejected.from_row(row, EMPTY_AFTER_NORMALIZATION, detail))
            continue
        doc = nlp.make_doc(text)
        doc.cats = one_hot(row.label, label_list)
        doc_bins[split].add(doc)
        counts[split][row.label] += 1
        splits_of_text.setdefault(row.text, set()).add(split)

    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    for name, doc_bin in doc_bins.items():
        path = output_dir / f"{name}.spacy"
        doc_bin.to_disk(path)
        stats.files[name] = str(path)
    stats.class_counts = {name: {label: counts[name][label] for label in label_list} for name in SPLITS}
    stats.docs_written = sum(len(doc_bin) for doc_bin in doc_bins.values())
    stats.texts_in_several_splits = sum(1 for s in splits_of_text.values() if len(s) > 1)
    stats.rejected = dict(sorted(Counter(r.reason for r in rejected).items()))
    rejected.sort(key=lambda r: (r.split or "", r.row))
    stats.files["rejected"] = str(write_rejected(rejected, output_dir / REJECTED_FILE))
    stats.files["stats"] = str(output_dir / STATS_FILE)
    write_json(stats.to_dict(), output_dir / STATS_FILE)
    return stats


def write_rejected(rejected: Iterable[Rejected], path: Path) -> Path:
    """Write one JSON object per rejected row (values that JSON cannot hold are written as their repr)."""
    with path.open("w", encoding="utf8") as file:
        for item in rejected:
            file.write(json.dumps(asdict(item), ensure_ascii=False, default=repr) + "\n")
    return path


def format_stats_table(stats: CorpusStats) -> str:
    """A plain-text table of class counts per split, then the rejection counts."""
    header = ["label", *SPLITS, "total"]
    rows = []
    for label in stats.labels:
        per_split = [stats.class_counts[s][label] for s in SPLITS]
        rows.append([label, *map(str, per_split), str(sum(per_split))])
    totals = [sum(stats.class_counts[s].values()) for s in SPLITS]
    rows.append(["total", *map(str, totals), str(sum(totals))])
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
        for r in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    lines.append(f"rows read: {stats.rows_read}, docs written: {stats.docs_written}, split: {stats.split_by}")
    if stats.rejected:
        listed = ", ".join(f"{reason}: {n}" for reason, n in stats.rejected.items())
        lines.append(f"rows not used: {sum(stats.rejected.values())} ({listed})")
        lines.append(f"conflicting texts: {stats.conflicting_texts} (all their rows are listed in {REJECTED_FILE})")
    else:
        lines.append("rows not used: 0")
    if stats.texts_in_several_splits:
        lines.append(f"warning: {stats.texts_in_several_splits} texts occur in more than one source split")
    return "\n".join(lines)


def _rejected_from_dropped(dropped: Iterable[Dropped]) -> Iterator[Rejected]:
    for item in dropped:
        yield Rejected.from_row(item.row, item.reason, item.detail)


class _CountingIterator:
    """Wraps an iterator and counts the items taken from it."""

    def __init__(self, items: Iterable[LabelledRow]) -> None:
        self._items = iter(items)
        self.count = 0

    def __iter__(self) -> "_CountingIterator":
        return self

    def __next__(self) -> LabelledRow:
        item = next(self._items)
        self.count += 1
        return item
