"""PDF rendering with reportlab platypus: A4, a real text layer in DejaVu (TrueType, embedded), page
header and footer with "Sida N av M" on every page.

The page count is known only after layout, so each document is laid out twice; the second pass draws
the page numbers. `invariant=1` keeps the output byte-identical between runs.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from sample_docs.generator.source import block, font_size, page_number_format, text

FONT_DIRECTORIES = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
    Path.home() / "Library" / "Fonts",
    Path.home() / ".local" / "share" / "fonts",
)
# font key -> (regular, bold) TrueType files
FONT_FILES = {
    "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
}
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 22 * mm, 24 * mm, 22 * mm
WIDTH = A4[0] - 2 * MARGIN_X
CELL_PADDING = 13.0  # reportlab pads a cell 6 points left and right; one more for rounding
MIN_COLUMN = 18 * mm


class FontMissing(RuntimeError):
    pass


@cache
def fonts(key: str) -> tuple[str, str]:
    """Register the document font's regular and bold faces with reportlab; their registered names."""
    names = []
    for file_name in FONT_FILES[key]:
        path = next((d / file_name for d in FONT_DIRECTORIES if (d / file_name).is_file()), None)
        if path is None:
            raise FontMissing(
                f"{file_name} not found in {', '.join(map(str, FONT_DIRECTORIES))}: "
                "install the DejaVu fonts (Debian/Ubuntu: apt-get install fonts-dejavu-core)"
            )
        name = path.stem
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))
        names.append(name)
    return names[0], names[1]


def missing_glyphs(content: str, key: str = "sans") -> set[str]:
    """Characters of the text that the document font cannot draw."""
    regular = pdfmetrics.getFont(fonts(key)[0])
    glyphs = regular.face.charToGlyph
    return {ch for ch in content if not ch.isspace() and ord(ch) not in glyphs}


class _Styles:
    def __init__(self, document: dict[str, Any]):
        self.regular, self.bold = fonts(document.get("font") or "sans")
        size = font_size(document)
        self.size = size
        self.body = ParagraphStyle(
            "body", fontName=self.regular, fontSize=size, leading=size * 1.3, spaceAfter=size * 0.6
        )
        self.title = ParagraphStyle(
            "title",
            fontName=self.bold,
            fontSize=size + 5,
            leading=(size + 5) * 1.25,
            spaceBefore=0,
            spaceAfter=size * 0.8,
        )
        self.heading = ParagraphStyle(
            "heading",
            fontName=self.bold,
            fontSize=size + 2,
            leading=(size + 2) * 1.25,
            spaceBefore=size * 0.9,
            spaceAfter=size * 0.35,
        )
        cell = size - 1
        self.cell = ParagraphStyle("cell", fontName=self.regular, fontSize=cell, leading=cell * 1.25)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=self.bold)


def render_pdf(document: dict[str, Any]) -> bytes:
    """The document as a PDF with a text layer."""
    _, pages = _build(document, None)
    data, again = _build(document, pages)
    if again != pages:  # page numbers never change the layout; this guards the assumption
        raise RuntimeError(f"{document.get('file')}: page count changed between passes")
    return data


def _build(document: dict[str, Any], pages: int | None) -> tuple[bytes, int]:
    styles = _Styles(document)
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        invariant=1,
        title="",
        author="",
        subject="",
        creator="",
        producer="",
        keywords="",
    )
    furniture = _furniture(document, styles, pages)
    template.build(_flowables(document, styles), onFirstPage=furniture, onLaterPages=furniture)
    return buffer.getvalue(), template.page


def _furniture(document: dict[str, Any], styles: _Styles, pages: int | None) -> Callable[[Canvas, Any], None]:
    header, footer = document.get("page_header"), document.get("page_footer")
    number_format = page_number_format(document)
    in_header = number_format.startswith("{page} (")  # "1 (3)" sits top right, as on Swedish letters

    def draw(canvas: Canvas, doc: Any) -> None:
        number = number_format.format(page=doc.page, pages=pages or "?") if number_format else ""
        canvas.saveState()
        canvas.setFont(styles.regular, 8)
        top, bottom = A4[1] - 13 * mm, 12 * mm
        if header:
            canvas.drawString(MARGIN_X, top, text(header))
        if footer:
            canvas.drawString(MARGIN_X, bottom, text(footer))
        if number:
            canvas.drawRightString(A4[0] - MARGIN_X, top if in_header else bottom, number)
        canvas.restoreState()

    return draw


def _flowables(document: dict[str, Any], styles: _Styles) -> list[Flowable]:
    flow: list[Flowable] = []
    titled = False
    for entry in document["blocks"]:
        kind, value = block(entry)
        if kind == "heading":
            flow.append(Paragraph(_markup(value), styles.heading if titled else styles.title))
            titled = True
        elif kind == "paragraph":
            flow.append(Paragraph(_markup(value), styles.body))
        elif kind in ("list", "numbered"):
            flow.append(_list(value, numbered=kind == "numbered", styles=styles))
        elif kind == "fields":
            flow.extend([_fields(value, styles), Spacer(1, styles.size * 0.8)])
        elif kind == "table":
            flow.extend([_grid(value, styles), Spacer(1, styles.size * 0.8)])
        elif kind == "page_break":
            flow.append(PageBreak())
    return _keep_headings_with_next(flow, styles)


def _keep_headings_with_next(flow: list[Flowable], styles: _Styles) -> list[Flowable]:
    """A heading never ends a page: it is kept together with the block after it."""
    kept: list[Flowable] = []
    index = 0
    while index < len(flow):
        item = flow[index]
        following = flow[index + 1] if index + 1 < len(flow) else None
        is_heading = isinstance(item, Paragraph) and item.style in (styles.heading, styles.title)
        if is_heading and isinstance(following, Paragraph | ListFlowable):
            kept.append(KeepTogether([item, following]))
            index += 2
        else:
            kept.append(item)
            index += 1
    return kept


def _markup(value: object) -> str:
    return escape(text(value))


def _list(values: list[Any], *, numbered: bool, styles: _Styles) -> ListFlowable:
    items = [ListItem(Paragraph(_markup(v), styles.body)) for v in values]
    options: dict[str, Any] = {"bulletFontName": styles.regular, "bulletFontSize": styles.size}
    if numbered:
        options.update(bulletType="1", start=1, bulletFormat="%s.")
    else:
        options.update(bulletType="bullet", start="•")
    return ListFlowable(items, leftIndent=6 * mm, spaceAfter=styles.size * 0.6, **options)


def _fields(rows: list[list[Any]], styles: _Styles) -> Table:
    labels = [pdfmetrics.stringWidth(text(r[0]), styles.bold, styles.cell.fontSize) for r in rows]
    label_width = min(max(max(labels) + CELL_PADDING + 4, 30 * mm), 65 * mm)
    cells = [
        [Paragraph(_markup(label), styles.cell_bold), Paragraph(_markup(value), styles.cell)]
        for label, value in rows
    ]
    table = Table(cells, colWidths=[label_width, WIDTH - label_width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.94, 0.94, 0.94)),
            ]
        )
    )
    return table


def _grid(rows: list[list[Any]], styles: _Styles) -> Table:
    """A ruled table, header row first; columns as wide as their text needs, long cells wrap."""
    widths = column_widths(rows, styles.regular, styles.bold, styles.cell.fontSize)
    cells = [
        [Paragraph(_markup(cell), styles.cell_bold if r == 0 else styles.cell) for cell in row]
        for r, row in enumerate(rows)
    ]
    table = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
            ]
        )
    )
    return table


def column_widths(rows: list[list[Any]], regular: str, bold: str, size: float) -> list[float]:
    """Each column at least as wide as its longest word, the rest shared by how much text it holds."""
    columns = len(rows[0])
    natural, least = [0.0] * columns, [float(MIN_COLUMN)] * columns
    for r, row in enumerate(rows):
        font = bold if r == 0 else regular
        for c, cell in enumerate(row):
            value = text(cell)
            natural[c] = max(natural[c], pdfmetrics.stringWidth(value, font, size) + CELL_PADDING)
            longest = max((pdfmetrics.stringWidth(w, font, size) for w in value.split()), default=0.0)
            least[c] = max(least[c], longest + CELL_PADDING)
    if sum(natural) <= WIDTH:
        spare = WIDTH - sum(natural)
        return [n + spare * n / sum(natural) for n in natural]
    least = [w * WIDTH / sum(least) for w in least] if sum(least) > WIDTH else least
    extra = [max(n - w, 0.0) for n, w in zip(natural, least, strict=True)]
    spare = WIDTH - sum(least)
    return [w + spare * e / sum(extra) if sum(extra) else w for w, e in zip(least, extra, strict=True)]
