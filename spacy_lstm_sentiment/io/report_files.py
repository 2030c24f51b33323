"""Writing the JSON and text files that commands leave behind (reports, stats, run records): the parent
folders are made, and a file is replaced whole or not at all (a temporary file, then a rename)."""
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Union

PathLike = Union[str, Path]


def write_text(path: PathLike, text: str) -> Path:
    """Write `text` (UTF-8) to `path` atomically; the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_json(data: Any, path: PathLike) -> Path:
    """Write `data` as indented JSON (non-ASCII kept as is) with a final newline; the path."""
    return write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
