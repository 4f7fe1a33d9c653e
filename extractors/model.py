"""The extracted document: what every extractor returns and every later step reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"
    PAGE_HEADER = "page_header"
    PAGE_FOOTER = "page_footer"


class ExtractionStatus(StrEnum):
    OK = "ok"
    NEEDS_OCR = "needs_ocr"
    QUARANTINED = "quarantined"


class FileFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class TableCellPosition:
    table: int
    row: int
    column: int


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of text of the document with its place.

    ``char_start``/``char_end`` index into ``ExtractedDocument.text``; ``text`` equals that slice.
    ``cell`` is set for table cells (table index within the document, row, column).
    """

    text: str
    kind: BlockKind
    page: int
    char_start: int
    char_end: int
    cell: TableCellPosition | None = None


@dataclass(slots=True)
class ExtractedDocument:
    """The document text and its blocks.

    ``text`` holds the body blocks joined in reading order, separated by newlines (a blank line between
    blocks of different kinds or pages), followed by the page headers and footers so that offsets of
    body blocks do not depend on the furniture. Every block's text is ``text[char_start:char_end]``.
    """

    format: FileFormat
    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    pages: int = 0
    status: ExtractionStatus = ExtractionStatus.OK
    error: str | None = None
    ocr_pages: int = 0  # pages read by OCR (scans without a text layer)
    ocr_confidence: float | None = None  # Tesseract's mean word confidence over them, 0-100

    @property
    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind not in (BlockKind.PAGE_HEADER, BlockKind.PAGE_FOOTER)]


class ExtractionError(Exception):
    """A file that cannot be read as a document; the message says why, for the `documents.error` column."""
