"""PDF extraction with pdfplumber: read words and ruled tables of each page, then lay them out as blocks."""

from __future__ import annotations

import io
import itertools
import logging
import math
import re
import statistics
from collections import defaultdict
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSEOF
from pdfplumber.utils.exceptions import PdfminerException

from extractors.model import ExtractedDocument, ExtractionStatus, FileFormat
from extractors.pdf_layout import PageContent, TableGrid, Word, layout_document
from extractors.text import assemble, failed, one_line

logger = logging.getLogger(__name__)

NO_TEXT_LAYER = "no text layer (scanned document): needs OCR"
UNREADABLE_TEXT_LAYER = "text layer unreadable (fonts without Unicode mapping): needs OCR"

_BOLD_FONT = re.compile(r"bold|black|heavy", re.IGNORECASE)
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")


class TooManyPagesError(Exception):
    def __init__(self, pages: int, limit: int) -> None:
        super().__init__(f"PDF refused: {pages} pages exceed the limit of {limit} pages")


def extract_pdf(data: bytes, max_pages: int | None = None) -> ExtractedDocument:
    """The blocks of a PDF's text layer; QUARANTINED for an unreadable PDF or one of more than
    ``max_pages`` pages (refused before any page is read), NEEDS_OCR for a scan."""
    try:
        pages = read_pages(data, max_pages)
    except TooManyPagesError as error:
        return failed(FileFormat.PDF, str(error))
    except PdfminerException as error:
        return failed(FileFormat.PDF, _pdfminer_reason(error))
    except MemoryError:
        raise  # the reader's memory limit, not a corrupt file: the caller records it as such
    except Exception as error:
        # pdfminer reports malformed input with all kinds of exceptions (KeyError, TypeError, zlib.error,
        # ...) raised deep inside page parsing; read_pages does nothing but call it, so any exception
        # here is the file's fault. Logged with the trace in case it is not.
        logger.warning("PDF parser failed", exc_info=True)
        return failed(FileFormat.PDF, _corrupt_reason(error))
    if not pages:
        return failed(FileFormat.PDF, "PDF has no pages")
    if not any(page.words for page in pages):
        return failed(FileFormat.PDF, NO_TEXT_LAYER, len(pages), ExtractionStatus.NEEDS_OCR)
    if _mostly_unmapped(pages):
        return failed(FileFormat.PDF, UNREADABLE_TEXT_LAYER, len(pages), ExtractionStatus.NEEDS_OCR)
    body, furniture = layout_document(pages)
    return assemble(FileFormat.PDF, body, furniture, len(pages))


def _mostly_unmapped(pages: list[PageContent]) -> bool:
    """More glyphs that pdfminer could not map to characters ("(cid:42)") than real characters."""
    unmapped = mapped = 0
    for word in (w for page in pages for w in page.words):
        glyphs = len(_UNMAPPED_GLYPH.findall(word.text))
        unmapped += glyphs
        mapped += len(_UNMAPPED_GLYPH.sub("", word.text))
    return unmapped > mapped


def read_pages(data: bytes, max_pages: int | None = None) -> list[PageContent]:
    """Words (with font size and weight) and ruled tables of every page."""
    with pdfplumber.open(io.BytesIO(data), raise_unicode_errors=False) as pdf:
        if max_pages is not None and len(pdf.pages) > max_pages:
            raise TooManyPagesError(len(pdf.pages), max_pages)
        pages = []
        for page in pdf.pages:
            words = pdfplumber.utils.extract_words(unique_chars(page.chars), return_chars=True)
            tables = [
                TableGrid(tuple(table.bbox), tuple(tuple(row.cells) for row in table.rows))
                for table in page.find_tables()
            ]
            # Rotated words (stamps, margin notes) are left out unless the page has nothing else.
            upright = [w for w in words if w.get("upright", True)] or words
            pages.append(
                PageContent(
                    page.page_number,
                    float(page.width),
                    float(page.height),
                    [_word(w) for w in upright],
                    tables,
                )
            )
            page.close()
        return pages


def unique_chars(chars: list[dict[str, Any]], tolerance: float = 1.0) -> list[dict[str, Any]]:
    """Characters without the copies that some producers print over them to fake bold type.

    pdfplumber's ``dedupe_chars`` does the same but is quadratic in the number of characters.
    """
    kept: dict[tuple[Any, ...], list[tuple[float, float]]] = defaultdict(list)
    unique = []
    for char in chars:
        x, y = float(char["x0"]), float(char["top"])
        identity = (char["text"], char.get("fontname"), round(float(char["size"]), 1))
        cell_x, cell_y = math.floor(x), math.floor(y)
        nearby = (
            (kx, ky)
            for dx, dy in itertools.product((-1, 0, 1), repeat=2)
            for kx, ky in kept.get((*identity, cell_x + dx, cell_y + dy), ())
        )
        if any(abs(kx - x) <= tolerance and abs(ky - y) <= tolerance for kx, ky in nearby):
            continue
        kept[(*identity, cell_x, cell_y)].append((x, y))
        unique.append(char)
    return unique


def _word(raw: dict[str, Any]) -> Word:
    chars = raw["chars"]
    return Word(
        raw["text"],
        float(raw["x0"]),
        float(raw["x1"]),
        float(raw["top"]),
        float(raw["bottom"]),
        round(statistics.median(float(c["size"]) for c in chars), 1),
        all(_BOLD_FONT.search(str(c.get("fontname", ""))) for c in chars),
    )


def _pdfminer_reason(error: PdfminerException) -> str:
    cause = error.args[0] if error.args else error
    if isinstance(cause, PDFPasswordIncorrect):
        return "encrypted PDF (password required)"
    if isinstance(cause, PDFEncryptionError):
        return f"encrypted PDF (unsupported encryption: {_shorten(cause)})"
    return _corrupt_reason(cause if isinstance(cause, BaseException) else error)


def _corrupt_reason(error: BaseException) -> str:
    if isinstance(error, (PSEOF, EOFError)):
        return "corrupt PDF: unexpected end of file (truncated?)"
    return f"corrupt PDF: {_shorten(error)}"


def _shorten(error: BaseException) -> str:
    """The exception as one short line, with its type: pdfminer's messages alone often say little."""
    message = str(error).strip()
    return one_line(f"{type(error).__name__}: {message}" if message else type(error).__name__)
