"""The component's `cfg` (JSON: labels, threshold, positive_label), read and checked before it is used.

A cfg that is not JSON, or whose values have the wrong types, is a `WeightsError` with one line
that names the file, like every other model file that cannot be loaded.
"""
from pathlib import Path
from typing import Any, Dict, Sequence, Union

import srsly

from ..errors import WeightsError, one_line


def read_cfg(path: Union[str, Path]) -> Dict[str, Any]:
    """The checked contents of a cfg file, or a WeightsError naming it."""
    try:
        cfg = srsly.read_json(path)
    except (OSError, ValueError) as err:
        raise WeightsError(f"{path}: not a readable JSON cfg ({one_line(err)})") from None
    check_cfg(cfg, str(path))
    return cfg


def check_cfg(cfg: Any, source: str) -> None:
    """Refuse a cfg that is not an object with a list of distinct string labels (and, when present,
    a numeric threshold and a string or null positive_label)."""
    if not isinstance(cfg, dict):
        raise WeightsError(f"{source}: the cfg must be a JSON object, got {_describe(cfg)}")
    if "labels" not in cfg:
        raise WeightsError(f"{source}: the cfg lists no labels")
    labels = cfg["labels"]
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise WeightsError(f"{source}: labels must be a list of strings, got {_describe(labels)}")
    if len(set(labels)) != len(labels):
        raise WeightsError(f"{source}: labels are listed twice ({', '.join(labels)})")
    threshold = cfg.get("threshold", 0.0)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
        raise WeightsError(f"{source}: threshold must be a number, got {_describe(threshold)}")
    positive = cfg.get("positive_label")
    if positive is not None and not isinstance(positive, str):
        raise WeightsError(f"{source}: positive_label must be a string or null, got {_describe(positive)}")


def _describe(value: Any, limit: int = 60) -> str:
    text = repr(value)  # one line: repr escapes line breaks inside strings
    return f"{type(value).__name__} {text if len(text) <= limit else text[:limit] + '...'}"


def check_label_count(labels: Sequence[str], n_outputs: int, source: str) -> None:
    """Refuse weights that score another number of labels than the cfg lists."""
    if n_outputs != len(labels):
        raise WeightsError(
            f"{source}: the weights score {n_outputs} labels but the component's cfg lists "
            f"{len(labels)} ({', '.join(labels)})"
        )
