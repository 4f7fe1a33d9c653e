"""Text clean-up and the assembly of blocks into an ExtractedDocument, shared by both formats."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from extractors.model import (
    Block,
    BlockKind,
    ExtractedDocument,
    ExtractionStatus,
    FileFormat,
    TableCellPosition,
)

_REMOVED = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000\t\r\n\v\f"), " ")
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WHITESPACE = re.compile(r"\s+")

MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 120
MAX_ERROR_CHARS = 160

_BULLET_GLYPHS = "•◦▪▫●○■□►▸‣⁃∙·\uf0b7\uf0a7\uf0a8\uf076\uf0d8\uf0fc"
# A bullet or an enumerator ("1.", "2)", "a)", "(b)") at the start of a list item's text.
LIST_MARKER = re.compile(
    rf"^(?:[{_BULLET_GLYPHS}]\s*"
    r"|\(cid:\d+\)\s+"  # a bullet glyph that the PDF's font does not map to Unicode
    r"|[-–—*]\s+"
    r"|\(?(?:\d{1,3}|[a-zA-Z])\)\s+"
    r"|\d{1,3}\.\s+"
    r"|\d{1,3}[.)](?=[A-ZÅÄÖÉ]))"  # "10.Anna": a long number can fill the tab up to the text
    r"(?=\S)"
)

# A hyphen at the end of a line before one of these is a Swedish suspended compound ("hälso- och
# sjukvård"), not a word broken over two lines.
_CONJUNCTIONS = frozenset({"och", "eller", "samt", "respektive", "resp.", "liksom", "som", "till"})


@dataclass(frozen=True, slots=True)
class DraftBlock:
    """A block before assembly: its text is not yet cleaned and it has no offsets."""

    text: str
    kind: BlockKind
    page: int
    cell: TableCellPosition | None = None


def clean(text: str) -> str:
    """One block's text: NFC, no soft hyphens or zero-width characters, single spaces, stripped."""
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_REMOVED).translate(_SPACES)
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    text = _UNMAPPED_GLYPH.sub(" ", text)
    text = _CONTROL.sub(" ", text)
    return _WHITESPACE.sub(" ", text).strip()


def join_lines(lines: Iterable[str]) -> str:
    """Wrapped lines of one paragraph as one string: single spaces, words broken at a line end rejoined."""
    joined = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        joined = _join_two(joined, line) if joined else line
    return joined


def _join_two(left: str, right: str) -> str:
    if left.endswith("\u00ad"):
        return left[:-1] + right
    if not left.endswith(("-", "\u2010")) or len(left) < 2:
        return f"{left} {right}"
    if left[-2].isdigit() and right[0].isdigit():
        return left + right  # "2019-" + "2020"
    if not left[-2].isalpha():
        return f"{left} {right}"
    next_word = right.split(maxsplit=1)[0]
    if not right[0].islower() or next_word.lower() in _CONJUNCTIONS:
        return f"{left} {right}"
    if left[-2].isupper():
        return left + right  # "LSS-" + "insatser": the hyphen belongs to the word
    return left[:-1] + right


def heading_like(text: str) -> bool:
    """Short enough for a heading, and not ending like a sentence or a clause."""
    text = text.strip()
    return (
        bool(text)
        and len(text) <= MAX_HEADING_CHARS
        and len(text.split()) <= MAX_HEADING_WORDS
        and (not text.endswith((".", ",", ";")))
    )


def assemble(
    file_format: FileFormat,
    body: Iterable[DraftBlock],
    furniture: Iterable[DraftBlock],
    pages: int,
    status: ExtractionStatus = ExtractionStatus.OK,
    error: str | None = None,
) -> ExtractedDocument:
    """The document text and offset-carrying blocks: body in reading order, then the page furniture.

    Blocks are separated by a newline, and by a blank line where the kind or the page changes.
    """
    parts: list[str] = []
    blocks: list[Block] = []
    length = 0
    previous: DraftBlock | None = None
    for draft in [*body, *furniture]:
        text = clean(draft.text)
        if not text:
            continue
        if previous is not None:
            separator = "\n" if (previous.kind, previous.page) == (draft.kind, draft.page) else "\n\n"
            parts.append(separator)
            length += len(separator)
        blocks.append(Block(text, draft.kind, draft.page, length, length + len(text), draft.cell))
        parts.append(text)
        length += len(text)
        previous = draft
    return ExtractedDocument(file_format, "".join(parts), blocks, pages, status, error)


def one_line(message: str, limit: int = MAX_ERROR_CHARS) -> str:
    """A parser's message fit for the error column: printable, single-spaced, at most ``limit`` chars."""
    printable = "".join(ch if ch.isprintable() else " " for ch in message)
    text = " ".join(printable.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def failed(
    file_format: FileFormat,
    error: str,
    pages: int = 0,
    status: ExtractionStatus = ExtractionStatus.QUARANTINED,
) -> ExtractedDocument:
    """A document that could not be read: no text, the reason in ``error``."""
    return ExtractedDocument(file_format, pages=pages, status=status, error=error)
