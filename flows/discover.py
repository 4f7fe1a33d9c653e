"""Finding the exported files and their content hashes."""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class SourceFile:
    relative_path: str  # POSIX, relative to the export root; may name a person: never store it in clear
    sha256: str  # empty when the file could not be read
    size: int
    error: str = ""  # why the file could not be read


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def walk(root: Path) -> Iterator[Path]:
    """Every entry under the export root that is not a folder (hidden files and folders skipped), in path
    order: regular files, and also broken links and special files, which are recorded as unreadable."""
    for path in sorted(root.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(root).parts) or path.is_dir():
            continue
        yield path


def discover(root: Path) -> list[SourceFile]:
    """Every file under the export root, in path order, with its content hash.

    A file that cannot be read (no permission, a broken link, a device or pipe) is still listed, with
    an empty hash and the reason, so that it is recorded as quarantined.
    """
    found = []
    for path in walk(root):
        relative = path.relative_to(root).as_posix()
        try:
            if not stat.S_ISREG(path.stat().st_mode):
                found.append(SourceFile(relative, "", 0, "not a regular file (a device, pipe or socket)"))
                continue
            found.append(SourceFile(relative, file_sha256(path), path.stat().st_size))
        except OSError as error:
            found.append(SourceFile(relative, "", 0, f"cannot read file: {error.strerror or error}"))
    return found
