"""Finding the exported files and their content hashes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class SourceFile:
    relative_path: str  # POSIX, relative to the export root; may name a person: never store it in clear
    sha256: str
    size: int


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def walk(root: Path) -> Iterator[Path]:
    """The regular files under the export root, hidden files and folders skipped, in path order."""
    for path in sorted(root.rglob("*")):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts):
            yield path


def discover(root: Path) -> list[SourceFile]:
    """Every regular file under the export root (hidden files and folders skipped), in path order.

    A file that cannot be read is still listed, with an empty hash, so that it is recorded as quarantined.
    """
    found = []
    for path in walk(root):
        relative = path.relative_to(root).as_posix()
        try:
            found.append(SourceFile(relative, file_sha256(path), path.stat().st_size))
        except OSError:
            found.append(SourceFile(relative, "", 0))
    return found
