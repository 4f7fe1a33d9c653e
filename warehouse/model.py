"""What the warehouse loads: one record per file, with its analysis when it could be read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from nlp.model import AnalysedDocument


@dataclass(slots=True)
class DocumentRecord:
    doc_id: str
    sha256: str
    path_key: str
    source_path: str  # masked
    status: str  # ok | needs_ocr | quarantined
    error: str | None
    pages: int
    folder_key: str | None = None  # keyed hash of the file's folder
    file_date: date | None = None  # a date the file's name gives
    analysis: AnalysedDocument | None = None
    ocr_pages: int = 0  # pages read by OCR
    ocr_confidence: float | None = None  # their mean word confidence, 0-100
    extract_seconds: float = 0.0  # what reading and analysing the file cost (not loaded)
    analyse_seconds: float = 0.0


@dataclass(slots=True)
class RunCounts:
    files_seen: int = 0
    files_new: int = 0
    files_changed: int = 0
    files_unchanged: int = 0
    files_gone: int = 0


@dataclass(frozen=True, slots=True)
class StoredFile:
    """What the warehouse already holds of a path."""

    doc_id: str
    sha256: str
    gone: bool = False


@dataclass(frozen=True, slots=True)
class RunInfo:
    run_id: str
    started_at: datetime


@dataclass(frozen=True, slots=True)
class FilePlace:
    """Where a file of the export lies, as the warehouse may keep it: its masked path, a keyed hash of
    its folder and a date its name gives."""

    source_path: str
    folder_key: str
    file_date: date | None
