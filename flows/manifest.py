"""Batch manifests: the files of a batch, written where only the run's user can read them.

A task's parameters are recorded by Prefect and a file's path may name the person, so a batch task is
given the path of its manifest (``<db>.work/<run>/batch-0001.json``) instead of the files' paths.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import astuple
from pathlib import Path

from flows.discover import SourceFile


def work_dir(db_path: Path, run_id: str) -> Path:
    return db_path.with_name(db_path.name + ".work") / run_id


@contextmanager
def manifests(db_path: Path, run_id: str, batches: list[list[SourceFile]]) -> Iterator[list[Path]]:
    """One manifest per batch, mode 0600 in a 0700 folder, removed when the batches are done."""
    folder = work_dir(db_path, run_id)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        paths = []
        for number, batch in enumerate(batches, start=1):
            path = folder / f"batch-{number:04d}.json"
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                # ASCII escapes keep file names that are not UTF-8 (surrogates) intact.
                json.dump([astuple(source) for source in batch], handle)
            paths.append(path)
        yield paths
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):  # the runs' folder goes too once it is empty
            folder.parent.rmdir()


def read_manifest(path: Path) -> list[SourceFile]:
    return [SourceFile(*fields) for fields in json.loads(path.read_text(encoding="utf-8"))]
