"""Reliability tests run the real flow over an export of good sample cases and every kind of bad file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from flows.faults import build_export

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs" / "export"


def copy_case(export: Path, case_folder: str) -> None:
    shutil.copytree(SAMPLES / case_folder, export / case_folder)


@pytest.fixture
def faulty_export(tmp_path: Path):
    """Two sample cases and, under faults/, every bad file; with the faults to expect."""
    export = tmp_path / "export"
    faults = build_export(export)
    yield export, faults
    unreadable = export / "faults" / "oläsbar.pdf"
    if unreadable.exists():
        os.chmod(unreadable, 0o600)  # so that pytest can clean up
