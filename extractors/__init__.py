"""Extraction: one PDF or DOCX file in, one ExtractedDocument out, never raising for a bad file."""

from __future__ import annotations

from pathlib import Path

from extractors.detect import MAX_DOCX_UNCOMPRESSED_BYTES, detect_format, format_size, sniff
from extractors.docx import extract_docx
from extractors.model import (
    Block,
    BlockKind,
    ExtractedDocument,
    ExtractionError,
    ExtractionStatus,
    FileFormat,
    TableCellPosition,
)
from extractors.pdf import extract_pdf
from extractors.text import failed

__all__ = [
    "MAX_DOCX_UNCOMPRESSED_BYTES",
    "Block",
    "BlockKind",
    "ExtractedDocument",
    "ExtractionError",
    "ExtractionStatus",
    "FileFormat",
    "TableCellPosition",
    "detect_format",
    "extract",
    "extract_bytes",
]


def extract(path: Path, *, max_bytes: int | None = None, max_pages: int | None = None) -> ExtractedDocument:
    """The text and blocks of the PDF or DOCX at ``path``, whatever its name says it is.

    A file that cannot be read comes back QUARANTINED (or NEEDS_OCR for a scan) with a one-line ``error``;
    ``max_bytes`` refuses larger files before reading them, ``max_pages`` longer PDFs before their pages.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            return failed(
                FileFormat.UNKNOWN,
                f"file too large: {format_size(size)} exceeds the {format_size(max_bytes)} limit",
            )
        data = path.read_bytes()
    except OSError as error:
        return failed(FileFormat.UNKNOWN, f"cannot read file: {error.strerror or error}")
    return extract_bytes(data, max_pages=max_pages)


def extract_bytes(data: bytes, *, max_pages: int | None = None) -> ExtractedDocument:
    """As ``extract``, for a file already in memory."""
    detection = sniff(data)
    if detection.error is not None:
        return failed(detection.format, detection.error)
    if detection.format == FileFormat.PDF:
        return extract_pdf(data, max_pages)
    return extract_docx(data)
