"""PDF extraction: read words and ruled tables of each page, then lay them out as blocks.

Pages are read with PDFium (extractors/pdf_read.py); a file PDFium refuses as malformed is read again
with pdfminer (extractors/pdf_pdfminer.py), which either reads it or says why it cannot.
"""

from __future__ import annotations

import re
import statistics

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors import ocr
from extractors.model import ExtractedDocument, ExtractionStatus, FileFormat
from extractors.pdf_layout import PageContent, layout_document
from extractors.pdf_pdfminer import UnreadablePdfError, read_pages_leniently
from extractors.pdf_read import TooManyPagesError, read_pages
from extractors.text import assemble, failed

NO_TEXT_LAYER = "no text layer (scanned document): needs OCR"
NOTHING_READ = "scanned document in which OCR found no text: needs a look"
UNREADABLE_TEXT_LAYER = "text layer unreadable (fonts without Unicode mapping): needs OCR"

_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
_PASSWORD_REQUIRED = "encrypted PDF (password required)"


def extract_pdf(data: bytes, max_pages: int | None = None) -> ExtractedDocument:
    """The blocks of a PDF's text layer; QUARANTINED for an unreadable PDF or one of more than
    ``max_pages`` pages (refused before any page is read), NEEDS_OCR for a scan."""
    try:
        pages = _pages(data, max_pages)
    except (TooManyPagesError, UnreadablePdfError) as error:
        return failed(FileFormat.PDF, str(error))
    if not pages:
        return failed(FileFormat.PDF, "PDF has no pages")
    confidences: list[float] = []
    if not all(page.words for page in pages):
        if ocr.unavailable() is None:
            pages, confidences = _with_ocr(data, pages)
        elif not any(page.words for page in pages):
            return failed(FileFormat.PDF, ocr.MISSING, len(pages), ExtractionStatus.NEEDS_OCR)
    if not any(page.words for page in pages):
        error = NOTHING_READ if any(page.from_ocr for page in pages) else NO_TEXT_LAYER
        return failed(FileFormat.PDF, error, len(pages), ExtractionStatus.NEEDS_OCR)
    if _mostly_unmapped(pages):
        return failed(FileFormat.PDF, UNREADABLE_TEXT_LAYER, len(pages), ExtractionStatus.NEEDS_OCR)
    body, furniture = layout_document(pages)
    document = assemble(FileFormat.PDF, body, furniture, len(pages))
    if confidences:
        document.ocr_pages = sum(1 for page in pages if page.from_ocr)
        document.ocr_confidence = round(statistics.fmean(confidences), 1)
    return document


def _with_ocr(data: bytes, pages: list[PageContent]) -> tuple[list[PageContent], list[float]]:
    """The pages, with those that have pictures but no text read by OCR; every OCR'd word's confidence.
    A page that has text is never OCR'd."""
    pdf = pdfium.PdfDocument(data)
    confidences: list[float] = []
    try:
        read = []
        for page in pages:
            pdf_page = pdf[page.number - 1]
            if not page.words and ocr.has_images(pdf_page):
                scanned = ocr.read_page(pdf_page, page.number)
                page = scanned.content
                confidences.extend(scanned.confidences)
            pdf_page.close()
            read.append(page)
        return read, confidences
    finally:
        pdf.close()


def _pages(data: bytes, max_pages: int | None) -> list[PageContent]:
    try:
        return read_pages(data, max_pages)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise UnreadablePdfError(_PASSWORD_REQUIRED) from error
        return read_pages_leniently(data, max_pages)


def _mostly_unmapped(pages: list[PageContent]) -> bool:
    """More glyphs that pdfminer could not map to characters ("(cid:42)") than real characters."""
    unmapped = mapped = 0
    for word in (w for page in pages for w in page.words):
        glyphs = len(_UNMAPPED_GLYPH.findall(word.text))
        unmapped += glyphs
        mapped += len(_UNMAPPED_GLYPH.sub("", word.text))
    return unmapped > mapped
