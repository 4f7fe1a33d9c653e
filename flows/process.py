"""One file through extraction and analysis into a warehouse record, never raising for bad input."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from extractors import extract
from extractors.model import ExtractionStatus
from flows.discover import SourceFile
from nlp.analyse import analyse
from nlp.privacy import Pseudonymizer
from warehouse.model import DocumentRecord

logger = logging.getLogger(__name__)


def document_id(path_key: str, sha256: str) -> str:
    return hashlib.sha256(f"{path_key}:{sha256}".encode()).hexdigest()[:20]


def _record(
    source: SourceFile, path_key: str, masked_path: str, status: str, error: str | None, pages: int = 0
) -> DocumentRecord:
    return DocumentRecord(
        document_id(path_key, source.sha256), source.sha256, path_key, masked_path, status, error, pages
    )


def process_file(root: Path, source: SourceFile, pseudonymizer: Pseudonymizer) -> DocumentRecord:
    path_key = pseudonymizer.path_key(source.relative_path)
    masked_path = pseudonymizer.mask_path(source.relative_path, frozenset())
    if not source.sha256:
        return _record(source, path_key, masked_path, "quarantined", "file could not be read")
    extracted = extract(root / source.relative_path)
    record = _record(source, path_key, masked_path, extracted.status.value, extracted.error, extracted.pages)
    if extracted.status != ExtractionStatus.OK:
        return record
    try:
        record.analysis = analyse(extracted, pseudonymizer)
    except Exception as error:  # a bug in one rule must not cost the night: record it and go on
        logger.exception("analysis failed for document %s", record.doc_id)
        record.status, record.error = "quarantined", f"analysis failed: {type(error).__name__}"
        return record
    record.source_path = pseudonymizer.mask_path(source.relative_path, record.analysis.name_token_keys)
    return record
