"""One file through extraction and analysis into a warehouse record, never raising for bad input."""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from extractors import extract
from extractors.model import ExtractionStatus
from flows.discover import SourceFile
from nlp.analyse import analyse
from nlp.dates import file_name_date
from nlp.privacy import Pseudonymizer
from warehouse.model import DocumentRecord, FilePlace

logger = logging.getLogger(__name__)


def document_id(path_key: str, sha256: str) -> str:
    return hashlib.sha256(f"{path_key}:{sha256}".encode()).hexdigest()[:20]


def file_place(relative_path: str, pseudonymizer: Pseudonymizer, token_keys: frozenset[str]) -> FilePlace:
    relative = PurePosixPath(relative_path)
    return FilePlace(
        pseudonymizer.mask_path(relative_path, token_keys),
        pseudonymizer.path_key(f"folder:{relative.parent}"),
        file_name_date(relative.name),
    )


@dataclass(frozen=True, slots=True)
class FileLimits:
    """What one file may cost: wall time and extra memory for reading it, its size and its pages."""

    seconds: float = 180.0
    memory_mb: int = 2048
    max_bytes: int = 512 * 1024 * 1024
    max_pages: int = 1000

    def time_error(self) -> str:
        return f"refused: reading took longer than the per-file limit of {self.seconds:g} s"

    def memory_error(self) -> str:
        return f"refused: reading needed more than the per-file memory limit of {self.memory_mb} MB"

    def crash_error(self, exit_code: int | None) -> str:
        return (
            f"the reader process died on this file (exit code {exit_code}); it may have needed more "
            f"than the per-file memory limit of {self.memory_mb} MB"
        )


def quarantined(source: SourceFile, pseudonymizer: Pseudonymizer, error: str) -> DocumentRecord:
    return _record(source, pseudonymizer, "quarantined", error)


def _record(
    source: SourceFile, pseudonymizer: Pseudonymizer, status: str, error: str | None, pages: int = 0
) -> DocumentRecord:
    path_key = pseudonymizer.path_key(source.relative_path)
    place = file_place(source.relative_path, pseudonymizer, frozenset())
    return DocumentRecord(
        document_id(path_key, source.sha256),
        source.sha256,
        path_key,
        place.source_path,
        status,
        error,
        pages,
        folder_key=place.folder_key,
        file_date=place.file_date,
    )


def process_file(
    root: Path, source: SourceFile, pseudonymizer: Pseudonymizer, limits: FileLimits = FileLimits()
) -> DocumentRecord:
    if not source.sha256:
        return quarantined(source, pseudonymizer, source.error or "file could not be read")
    started = time.perf_counter()
    extracted = extract(root / source.relative_path, max_bytes=limits.max_bytes, max_pages=limits.max_pages)
    record = _record(source, pseudonymizer, extracted.status.value, extracted.error, extracted.pages)
    record.ocr_pages, record.ocr_confidence = extracted.ocr_pages, extracted.ocr_confidence
    record.extract_seconds = time.perf_counter() - started
    if extracted.status != ExtractionStatus.OK:
        return record
    try:
        record.analysis = analyse(extracted, pseudonymizer)
    except Exception as error:  # a bug in one rule must not cost the night: record it and go on
        logger.exception("analysis failed for document %s", record.doc_id)
        record.status, record.error = "quarantined", f"analysis failed: {type(error).__name__}"
        return record
    finally:
        record.analyse_seconds = time.perf_counter() - started - record.extract_seconds
    record.source_path = pseudonymizer.mask_path(source.relative_path, record.analysis.name_token_keys)
    return record
