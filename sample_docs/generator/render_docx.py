"""DOCX rendering with python-docx: Heading and List styles, real tables, real page breaks, the page
header and footer in the section, with PAGE and NUMPAGES fields for "Sida N av M".

The core properties get fixed dates and author, and the package is re-zipped with fixed timestamps, so
the same source gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

from docx import Document
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph

from sample_docs.generator.source import block, font_size, page_number_format, text

FIXED_TIME = datetime(2020, 1, 1)
ZIP_TIME = (2020, 1, 1, 0, 0, 0)
AUTHOR = "Socialtjänsten"
TEXT_WIDTH = Mm(160)  # A4 less 25 mm margins
WORD_FONTS = {"sans": "Arial", "serif": "Times New Roman"}


def render_docx(document: dict[str, Any]) -> bytes:
    doc = Document()
    _properties(doc)
    _page_setup(doc, document)
    titled = False
    for entry in document["blocks"]:
        kind, value = block(entry)
        if kind == "heading":
            doc.add_heading(text(value), level=2 if titled else 1)
            titled = True
        elif kind == "paragraph":
            doc.add_paragraph(text(value))
        elif kind in ("list", "numbered"):
            style = "List Number" if kind == "numbered" else "List Bullet"
            for item in value:
                doc.add_paragraph(text(item), style=style)
        elif kind in ("fields", "table"):
            _table(doc.add_table(rows=len(value), cols=len(value[0])), value, fields=kind == "fields")
            doc.add_paragraph()
        elif kind == "page_break":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _furniture(doc, document, _page_estimate(document))
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _properties(doc: Any) -> None:
    props = doc.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    props.title = props.subject = props.keywords = props.comments = ""


def _page_setup(doc: Any, document: dict[str, Any]) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    normal = doc.styles["Normal"]
    normal.font.name = WORD_FONTS[document.get("font") or "sans"]
    normal.font.size = Pt(font_size(document) + 1)  # Word text is usually set a point larger


def _table(table: Table, rows: list[list[Any]], *, fields: bool) -> None:
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            run = paragraph.add_run(text(value))
            run.bold = (c == 0) if fields else (r == 0)
    if not fields:
        _repeat_header(table)


def _repeat_header(table: Table) -> None:
    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    properties.append(header)


def _page_estimate(document: dict[str, Any]) -> int:
    """The cached NUMPAGES value: Word recounts on opening; readers of the XML see this estimate."""
    return 1 + sum(1 for entry in document["blocks"] if "page_break" in entry)


def _furniture(doc: Any, document: dict[str, Any], pages: int) -> None:
    section = doc.sections[0]
    number_format = page_number_format(document)
    in_header = number_format.startswith("{page} (")
    for part, value, numbered in (
        (section.header, document.get("page_header"), in_header),
        (section.footer, document.get("page_footer"), bool(number_format) and not in_header),
    ):
        if not value and not numbered:
            continue
        paragraph = part.paragraphs[0]
        if value:
            paragraph.add_run(text(value))
        if numbered:
            _right_tab_only(paragraph)
            paragraph.add_run("\t")
            _page_number(paragraph, number_format, pages)


def _right_tab_only(paragraph: Paragraph) -> None:
    """One right-aligned tab stop at the right margin instead of the style's centre and right stops."""
    tabs = paragraph.paragraph_format.tab_stops
    for inherited in (Twips(4680), Twips(9360)):  # the Header and Footer styles of the default template
        tabs.add_tab_stop(inherited, WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)


def _page_number(paragraph: Paragraph, number_format: str, pages: int) -> None:
    """'Sida {page} av {pages}' with {page} and {pages} as PAGE and NUMPAGES fields."""
    rest = number_format
    while rest:
        field_start = rest.find("{")
        if field_start < 0:
            paragraph.add_run(rest)
            break
        if field_start:
            paragraph.add_run(rest[:field_start])
        field_end = rest.index("}", field_start)
        name = rest[field_start + 1 : field_end]
        _field(paragraph, "PAGE" if name == "page" else "NUMPAGES", "1" if name == "page" else str(pages))
        rest = rest[field_end + 1 :]


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complex field: begin, instruction, separate, the cached result, end."""

    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    char("separate")
    paragraph.add_run(shown)
    char("end")


def _fixed_zip(data: bytes) -> bytes:
    """The package again, its members in the same order with a fixed timestamp."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
