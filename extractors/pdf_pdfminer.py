"""The second reader: pdfplumber on pdfminer, for the PDFs PDFium refuses as malformed.

pdfminer is ten times slower but lenient in other ways than PDFium, and it says better why a file is
broken (no pages, truncated, encrypted in an unsupported way). Only files PDFium cannot open come here.
"""

from __future__ import annotations

import io
import logging

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSEOF
from pdfplumber.utils.exceptions import PdfminerException

from extractors.pdf_layout import PageContent
from extractors.pdf_read import TooManyPagesError, grid, page_content, page_words
from extractors.text import one_line

logger = logging.getLogger(__name__)


class UnreadablePdfError(Exception):
    """The PDF cannot be read; the message says why, for the `documents.error` column."""


def read_pages_leniently(data: bytes, max_pages: int | None = None) -> list[PageContent]:
    """As ``pdf_read.read_pages``; raises UnreadablePdfError with the reason for a broken file."""
    try:
        return _read_pages(data, max_pages)
    except (TooManyPagesError, MemoryError):
        raise  # a limit, not a corrupt file: the caller records it as such
    except PdfminerException as error:
        raise UnreadablePdfError(_pdfminer_reason(error)) from error
    except Exception as error:
        # pdfminer reports malformed input with all kinds of exceptions (KeyError, TypeError, zlib.error,
        # ...) raised deep inside page parsing; _read_pages does nothing but call it, so any exception
        # here is the file's fault. Logged with the trace in case it is not.
        logger.warning("PDF parser failed", exc_info=True)
        raise UnreadablePdfError(_corrupt_reason(error)) from error


def _read_pages(data: bytes, max_pages: int | None = None) -> list[PageContent]:
    """Words (with font size and weight) and ruled tables of every page."""
    with pdfplumber.open(io.BytesIO(data), raise_unicode_errors=False) as pdf:
        if max_pages is not None and len(pdf.pages) > max_pages:
            raise TooManyPagesError(len(pdf.pages), max_pages)
        pages = []
        for page in pdf.pages:
            words = page_words(page.chars)
            tables = [grid(table) for table in page.find_tables()]
            pages.append(page_content(page.page_number, page.width, page.height, words, tables))
            page.close()
        return pages


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
