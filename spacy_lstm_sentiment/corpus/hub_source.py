"""Labelled rows from a Hugging Face Hub dataset, failing fast when the Hub cannot be reached."""
import os
import socket
from typing import Any, Iterator, List, Mapping, Optional, Tuple
from urllib.parse import urlparse

from ..errors import one_line
from .labelled_rows import LabelledRow, LabelMap, Source, SourceError, check_columns, dataset_rows

HUB_PREFIX = "hub:"
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
        check_columns(dataset.column_names, text_column, label_column, f"split {split_name!r}")
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
            yield from dataset_rows(dataset, text_column, label_column, label_map, split=corpus_split)

    return Source(rows(), label_names=label_names, has_splits=len(parts) > 1)


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
