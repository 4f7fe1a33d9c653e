"""DOCX extraction with python-docx: the body in document order, then the section headers and footers.

The body is walked at the XML level (``w:p``, ``w:tbl`` and the content-control wrappers ``w:sdt`` that
python-docx's ``iter_inner_content`` skips), so that page breaks inside runs can be counted.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import docx
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from lxml import etree

from extractors.furniture import unique_drafts
from extractors.model import BlockKind, ExtractedDocument, ExtractionStatus, FileFormat, TableCellPosition
from extractors.text import LIST_MARKER, DraftBlock, assemble, failed, heading_like, one_line

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import _BaseHeaderFooter

EMPTY_DOCUMENT = "empty document: no text and no pictures"
NO_TEXT_ONLY_PICTURES = "no text, only pictures (scanned pages pasted into a DOCX?): needs OCR"

# What python-docx, zipfile (bad CRC, damaged deflate data, unknown compression, ZIP passwords) and lxml
# raise for a broken package.
_OPEN_ERRORS = (
    OpcError,
    KeyError,
    ValueError,
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    etree.LxmlError,
    EOFError,
    OSError,
)
_CONTENT_TYPE = re.compile(r"content type is '([^']+)'")
_STREAM_REPR = re.compile(r"'?<_io\.BytesIO object at 0x[0-9a-f]+>'?")
_HEADING_STYLE_PREFIXES = ("heading", "rubrik", "title", "titel", "subtitle", "underrubrik")
_LIST_STYLE_PREFIXES = ("list", "punktlista", "numrerad lista")
_FALSE_VALUES = frozenset({"0", "false", "off"})
_NO_NEW_PAGE_SECTIONS = frozenset({"continuous", "nextColumn"})
_MAX_STYLE_DEPTH = 20

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_SDT, _SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")
_CUSTOM_XML, _SMART_TAG = qn("w:customXml"), qn("w:smartTag")
_T, _TAB, _PTAB, _BR, _CR = (qn(t) for t in ("w:t", "w:tab", "w:ptab", "w:br", "w:cr"))
_NO_BREAK_HYPHEN, _SOFT_HYPHEN = qn("w:noBreakHyphen"), qn("w:softHyphen")
_RENDERED_BREAK, _TEXT_BOX = qn("w:lastRenderedPageBreak"), qn("w:txbxContent")
_VAL, _TYPE = qn("w:val"), qn("w:type")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Deleted and moved-away text, properties and field codes are not part of what the reader sees.
_SKIPPED = frozenset(qn(t) for t in ("w:del", "w:moveFrom", "w:pPr", "w:rPr", "w:instrText", "w:fldData"))
_SKIPPED_ALL = _SKIPPED | {_FALLBACK}
_PICTURES = (qn("w:drawing"), qn("w:pict"), qn("w:object"))
_WRAPPERS = frozenset({_SDT, _CUSTOM_XML, _SMART_TAG, qn("w:ins"), qn("w:moveTo")})


def extract_docx(data: bytes) -> ExtractedDocument:
    """Body blocks in document order with page numbers from explicit breaks; QUARANTINED if unreadable."""
    try:
        # python-docx inflates and parses every part while opening, so malformed content fails here.
        document = docx.Document(io.BytesIO(data))
    except _OPEN_ERRORS as error:
        return failed(FileFormat.DOCX, _open_error(error))
    styles = _Styles(document.styles.element)
    walker = _Walker(styles, _section_starts_new_page(document.element.body))
    body = list(walker.container(document.element.body))
    if not any(draft.text.strip() for draft in body):
        if _has_pictures(document.element.body):
            return failed(FileFormat.DOCX, NO_TEXT_ONLY_PICTURES, walker.page, ExtractionStatus.NEEDS_OCR)
        return failed(FileFormat.DOCX, EMPTY_DOCUMENT, walker.page)
    return assemble(FileFormat.DOCX, body, _furniture(document, styles), walker.page)


def _has_pictures(body: etree._Element) -> bool:
    return any(True for tag in _PICTURES for _ in body.iter(tag))


def _open_error(error: BaseException) -> str:
    message = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
    content_type = _CONTENT_TYPE.search(message)
    if isinstance(error, ValueError) and content_type:
        # python-docx opens only plain documents, not .docm (macros) or .dotx (templates)
        return f"unsupported Word variant ({content_type.group(1)}): save it as a plain DOCX"
    return f"corrupt DOCX: {one_line(_STREAM_REPR.sub('file', message)) or type(error).__name__}"


def _on(element: etree._Element | None, tag: str) -> bool:
    """Whether a toggle property such as ``w:pageBreakBefore`` is present and not switched off."""
    if element is None:
        return False
    found = element.find(tag)
    return found is not None and found.get(_VAL, "true").lower() not in _FALSE_VALUES


def _section_starts_new_page(body: etree._Element) -> list[bool]:
    """For each section break inside the body (in order), whether the section after it starts a page."""
    types = []
    for sect in body.iter(qn("w:sectPr")):
        if sect.getparent().tag not in (qn("w:pPr"), qn("w:body")):
            continue  # e.g. the old properties inside a tracked w:sectPrChange
        section_type = sect.find(qn("w:type"))
        types.append(section_type.get(_VAL, "nextPage") if section_type is not None else "nextPage")
    return [following not in _NO_NEW_PAGE_SECTIONS for following in types[1:]]


class _Styles:
    """Paragraph style facts, following ``w:basedOn`` chains."""

    def __init__(self, styles: etree._Element):
        self._by_id: dict[str, etree._Element] = {}
        self._default: str | None = None
        for style in styles.iterfind(qn("w:style")):
            if style.get(qn("w:type")) != "paragraph":
                continue
            style_id = style.get(qn("w:styleId"), "")
            self._by_id[style_id] = style
            if style.get(qn("w:default")) in ("1", "true", "on"):
                self._default = style_id

    def chain(self, style_id: str | None) -> list[etree._Element]:
        chain: list[etree._Element] = []
        current = style_id if style_id in self._by_id else self._default
        while current is not None and current in self._by_id and len(chain) < _MAX_STYLE_DEPTH:
            style = self._by_id[current]
            if any(style is seen for seen in chain):
                break
            chain.append(style)
            based_on = style.find(qn("w:basedOn"))
            current = based_on.get(_VAL) if based_on is not None else None
        return chain


def _style_name(style: etree._Element) -> str:
    name = style.find(qn("w:name"))
    return (name.get(_VAL, "") if name is not None else "").lower()


@dataclass(frozen=True, slots=True)
class _ParagraphFacts:
    kind: BlockKind
    page_break_before: bool


def _paragraph_facts(p: etree._Element, styles: _Styles) -> _ParagraphFacts:
    ppr = p.find(qn("w:pPr"))
    style_ref = ppr.find(qn("w:pStyle")) if ppr is not None else None
    chain = styles.chain(style_ref.get(_VAL) if style_ref is not None else None)
    properties = [ppr, *(style.find(qn("w:pPr")) for style in chain)]
    names = [_style_name(style) for style in chain]
    if any(name.startswith(_HEADING_STYLE_PREFIXES) for name in names) or _outline_level(properties):
        kind = BlockKind.HEADING
    elif _numbered(properties) or any(name.startswith(_LIST_STYLE_PREFIXES) for name in names):
        kind = BlockKind.LIST_ITEM
    else:
        kind = BlockKind.PARAGRAPH
    page_break = any(_on(props, qn("w:pageBreakBefore")) for props in properties if props is not None)
    return _ParagraphFacts(kind, page_break)


def _outline_level(properties: list[etree._Element | None]) -> bool:
    """An outline level 1-9 (stored 0-8) makes a paragraph a heading whatever its style is called."""
    for props in properties:
        level = props.find(qn("w:outlineLvl")) if props is not None else None
        if level is not None:
            return level.get(_VAL, "9").isdigit() and int(level.get(_VAL, "9")) < 9
    return False


def _numbered(properties: list[etree._Element | None]) -> bool:
    """Numbering properties on the paragraph or its style; numId 0 switches inherited numbering off."""
    for props in properties:
        num_pr = props.find(qn("w:numPr")) if props is not None else None
        if num_pr is None:
            continue
        num_id = num_pr.find(qn("w:numId"))
        if num_id is not None:
            return num_id.get(_VAL, "0") != "0"
    return False


def _all_bold(p: etree._Element, styles: _Styles) -> bool:
    """Every run that carries text is bold (directly or through the paragraph style)."""
    ppr = p.find(qn("w:pPr"))
    style_ref = ppr.find(qn("w:pStyle")) if ppr is not None else None
    style_bold = any(
        _on(style.find(qn("w:rPr")), qn("w:b"))
        for style in styles.chain(style_ref.get(_VAL) if style_ref is not None else None)
    )
    runs = [r for r in p.iter(qn("w:r")) if any((t.text or "").strip() for t in r.iterfind(_T))]
    if not runs:
        return False
    for run in runs:
        rpr = run.find(qn("w:rPr"))
        bold = rpr.find(qn("w:b")) if rpr is not None else None
        if not (_on(rpr, qn("w:b")) if bold is not None else style_bold):
            return False
    return True


@dataclass(slots=True)
class _ParagraphText:
    parts: list[str] = field(default_factory=list)
    page: int | None = None  # the page its first visible character is on
    text_boxes: list[etree._Element] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _Walker:
    """Walks body content in document order, counting pages from the breaks it passes."""

    def __init__(self, styles: _Styles, section_breaks: list[bool]):
        self.styles = styles
        self.page = 1
        self._text_on_page = False
        self._section_breaks = iter(section_breaks)
        self._section_break_pending = False
        self._tables = itertools.count()

    def container(self, element: etree._Element) -> Iterator[DraftBlock]:
        for child in element:
            if child.tag == _P:
                yield from self.paragraph(child)
            elif child.tag == _TBL:
                yield from self.table(child)
            elif child.tag in _WRAPPERS:
                yield from self.container(_content_of(child))

    def paragraph(self, p: etree._Element) -> Iterator[DraftBlock]:
        facts = _paragraph_facts(p, self.styles)
        if (facts.page_break_before or self._section_break_pending) and self._text_on_page:
            self._hard_break()
        self._section_break_pending = False
        content = self.paragraph_text(p)
        text = content.text
        if text.strip():
            text, kind = self._kind(p, facts.kind, text)
            yield DraftBlock(text, kind, content.page or self.page)
        for box in content.text_boxes:
            yield from self.container(box)
        ppr = p.find(qn("w:pPr"))
        if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
            self._section_break_pending = next(self._section_breaks, True)

    def _kind(self, p: etree._Element, kind: BlockKind, text: str) -> tuple[str, BlockKind]:
        """Typed bullets and numbers make list items, short all-bold paragraphs headings, as in a PDF."""
        marker = LIST_MARKER.match(text.strip())
        bulleted = marker is not None and not marker.group()[0].isalnum()
        if kind == BlockKind.PARAGRAPH and not bulleted and heading_like(text) and _all_bold(p, self.styles):
            return text, BlockKind.HEADING
        if marker and kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            return text.strip()[marker.end() :], BlockKind.LIST_ITEM
        return text, kind

    def paragraph_text(self, p: etree._Element) -> _ParagraphText:
        content = _ParagraphText()
        self._runs(p, content)
        return content

    def _runs(self, element: etree._Element, content: _ParagraphText) -> None:
        for child in element:
            tag = child.tag
            if tag == _T:
                self._text(child.text or "", content)
            elif tag in (_TAB, _PTAB, _CR):
                content.parts.append(" ")
            elif tag == _BR:
                if child.get(_TYPE) == "page":
                    self._hard_break()
                content.parts.append(" ")
            elif tag == _NO_BREAK_HYPHEN:
                self._text("-", content)
            elif tag == _SOFT_HYPHEN:
                content.parts.append("\u00ad")
            elif tag == _RENDERED_BREAK:
                self._rendered_break()
            elif tag == _TEXT_BOX:
                content.text_boxes.append(child)
            elif tag not in _SKIPPED_ALL and isinstance(tag, str):
                self._runs(child, content)

    def _text(self, text: str, content: _ParagraphText) -> None:
        if text.strip():
            if content.page is None:
                content.page = self.page
            self._text_on_page = True
        content.parts.append(text)

    def _hard_break(self) -> None:
        self.page += 1
        self._text_on_page = False

    def _rendered_break(self) -> None:
        # Word also marks where it laid out a page after an explicit break: count that page only once.
        if self._text_on_page:
            self._hard_break()

    def table(self, tbl: etree._Element) -> Iterator[DraftBlock]:
        number = next(self._tables)
        nested: list[etree._Element] = []
        for row_index, tr in enumerate(_children(tbl, _TR)):
            column = _int_val(tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}"), 0)
            for tc in _children(tr, _TC):
                span = max(1, _int_val(tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}"), 1))
                if not _continues_vertical_merge(tc):
                    yield from self._cell(tc, TableCellPosition(number, row_index, column), nested)
                column += span
            # Tables inside this row's cells follow the row, each with its own number.
            for inner in nested:
                yield from self.table(inner)
            nested.clear()

    def _cell(
        self, tc: etree._Element, position: TableCellPosition, nested: list[etree._Element]
    ) -> Iterator[DraftBlock]:
        texts: list[str] = []
        page: int | None = None
        boxes: list[etree._Element] = []
        for p in _cell_paragraphs(tc, nested):
            content = self.paragraph_text(p)
            texts.append(content.text)
            boxes.extend(content.text_boxes)
            page = page or content.page
        # A cell's paragraphs stay apart (often one item each); a soft line break within one is a space.
        text = "\n".join(t for t in texts if t.strip())
        if text.strip():
            yield DraftBlock(text, BlockKind.TABLE_CELL, page or self.page, position)
        for box in boxes:
            yield from self.container(box)


def _content_of(wrapper: etree._Element) -> etree._Element:
    content = wrapper.find(_SDT_CONTENT) if wrapper.tag == _SDT else wrapper
    return content if content is not None else wrapper


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with ``tag``, looking through content-control and custom-XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(_content_of(child), tag)


def _cell_paragraphs(tc: etree._Element, nested: list[etree._Element]) -> Iterator[etree._Element]:
    for child in tc:
        if child.tag == _P:
            yield child
        elif child.tag == _TBL:
            nested.append(child)
        elif child.tag in _WRAPPERS:
            yield from _cell_paragraphs(_content_of(child), nested)


def _continues_vertical_merge(tc: etree._Element) -> bool:
    """A cell below the first of a vertical merge: python-docx repeats the top cell there; we skip it."""
    merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    return merge is not None and merge.get(_VAL, "continue") == "continue"


def _int_val(element: etree._Element | None, default: int) -> int:
    value = element.get(_VAL, "") if element is not None else ""
    return int(value) if value.isdigit() else default


def _furniture(document: Document, styles: _Styles) -> list[DraftBlock]:
    """Section headers and footers, each text once, as page-1 furniture (a DOCX has no fixed pages)."""
    odd_even = document.settings.odd_and_even_pages_header_footer
    drafts: list[DraftBlock] = []
    for section in document.sections:
        parts = [
            (section.header, BlockKind.PAGE_HEADER, True),
            (section.first_page_header, BlockKind.PAGE_HEADER, section.different_first_page_header_footer),
            (section.even_page_header, BlockKind.PAGE_HEADER, odd_even),
            (section.footer, BlockKind.PAGE_FOOTER, True),
            (section.first_page_footer, BlockKind.PAGE_FOOTER, section.different_first_page_header_footer),
            (section.even_page_footer, BlockKind.PAGE_FOOTER, odd_even),
        ]
        for header_footer, kind, shown in parts:
            element = _definition(header_footer) if shown else None
            if element is not None:
                drafts.extend(DraftBlock(d.text, kind, 1) for d in _Walker(styles, []).container(element))
    return unique_drafts(drafts)


def _definition(header_footer: _BaseHeaderFooter) -> etree._Element | None:
    """The header or footer's own content; None when it inherits or its part is missing."""
    if header_footer.is_linked_to_previous:
        return None
    try:
        return header_footer.part.element
    except KeyError:  # a reference to a part the package does not hold: read the document without it
        return None
