"""Reading a PDF's pages with PDFium (pypdfium2): characters with their boxes and fonts, and ruled
lines, in pdfplumber's coordinates (points, top-down from the page's top edge).

PDFium is C: it reads a page in a fraction of the time pdfminer's Python interpreter needs, which made
pdfplumber's `page.chars` most of a night's work. Words and ruled tables are still pdfplumber's
algorithms (`extract_words`, the table finder's edges → intersections → cells), fed with what PDFium read.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
import statistics
from collections.abc import Iterator
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import (
    Table,
    TableSettings,
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from pdfplumber.utils import extract_words, filter_edges

from extractors.pdf_layout import PageContent, TableGrid, Word

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
UNMAPPED_GLYPH = "(cid:0)"  # pdfminer's spelling of a glyph without a Unicode mapping
_UPRIGHT_RADIANS = 0.01
_AXIS_TOLERANCE = 0.01  # a segment this close to horizontal or vertical is a ruled line
_FONT_NAME_BYTES = 256
_MAYBE_GENERATED = frozenset(" \r\n")  # what PDFium inserts between words and lines
_LINE_END_HYPHEN = frozenset("\x02\ufffe")  # how PDFium reports a hyphen that ends a line
_BOLD_FONT = re.compile(r"bold|black|heavy", re.IGNORECASE)


class TooManyPagesError(Exception):
    def __init__(self, pages: int, limit: int) -> None:
        super().__init__(f"PDF refused: {pages} pages exceed the limit of {limit} pages")


def read_pages(data: bytes, max_pages: int | None = None) -> list[PageContent]:
    """Words (with font size and weight) and ruled tables of every page."""
    pdf = pdfium.PdfDocument(data)
    try:
        if max_pages is not None and len(pdf) > max_pages:
            raise TooManyPagesError(len(pdf), max_pages)
        return [_read_page(pdf[index], index + 1) for index in range(len(pdf))]
    finally:
        pdf.close()


def _read_page(page: pdfium.PdfPage, number: int) -> PageContent:
    try:
        width, height = page.get_size()
        words = page_words(page_chars(page, height))
        tables = [grid(table) for table in ruled_tables(page, height)]
    finally:
        page.close()
    return page_content(number, width, height, words, tables)


def page_words(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """pdfplumber's words of a page's characters, with their characters."""
    return extract_words(unique_chars(chars), return_chars=True)


def grid(table: Table) -> TableGrid:
    return TableGrid(tuple(table.bbox), tuple(tuple(row.cells) for row in table.rows))


def page_content(
    number: int, width: float, height: float, words: list[dict[str, Any]], tables: list[TableGrid]
) -> PageContent:
    # Rotated words (stamps, margin notes) are left out unless the page has nothing else.
    upright = [w for w in words if w.get("upright", True)] or words
    return PageContent(number, float(width), float(height), [_word(w) for w in upright], tables)


def unique_chars(chars: list[dict[str, Any]], tolerance: float = 1.0) -> list[dict[str, Any]]:
    """Characters without the copies that some producers print over them to fake bold type.

    pdfplumber's ``dedupe_chars`` does the same but is quadratic in the number of characters.
    """
    kept: dict[tuple[Any, ...], dict[tuple[int, int], list[tuple[float, float]]]] = {}
    unique = []
    for char in chars:
        x, y = float(char["x0"]), float(char["top"])
        cells = kept.setdefault((char["text"], char.get("fontname"), round(float(char["size"]), 1)), {})
        cell = (math.floor(x), math.floor(y))
        if cells and _printed_near(cells, cell, x, y, tolerance):
            continue
        cells.setdefault(cell, []).append((x, y))
        unique.append(char)
    return unique


_NEIGHBOURS = tuple(itertools.product((-1, 0, 1), repeat=2))


def _printed_near(
    cells: dict[tuple[int, int], list[tuple[float, float]]],
    cell: tuple[int, int],
    x: float,
    y: float,
    tolerance: float,
) -> bool:
    cell_x, cell_y = cell
    for dx, dy in _NEIGHBOURS:
        for kx, ky in cells.get((cell_x + dx, cell_y + dy), ()):
            if abs(kx - x) <= tolerance and abs(ky - y) <= tolerance:
                return True
    return False


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


def page_chars(page: pdfium.PdfPage, height: float) -> list[dict[str, Any]]:
    """The page's characters as pdfplumber's char objects (text, x0, x1, top, bottom, doctop, size,
    fontname, upright), in content order, without the spaces and line breaks PDFium makes up."""
    textpage = page.get_textpage()
    try:
        return list(_chars(textpage, height))
    finally:
        textpage.close()


def _chars(textpage: pdfium.PdfTextPage, height: float) -> Iterator[dict[str, Any]]:
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the BMP: read them one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, index)) for index in range(count))
    box = pdfium_c.FS_RECTF()
    styles: dict[int | None, tuple[float, str, bool]] = {}
    for index, char in enumerate(text):
        if char in _MAYBE_GENERATED and pdfium_c.FPDFText_IsGenerated(textpage, index) == 1:
            continue
        if pdfium_c.FPDFText_HasUnicodeMapError(textpage, index) == 1:
            char = UNMAPPED_GLYPH
        elif char in _LINE_END_HYPHEN and pdfium_c.FPDFText_IsHyphen(textpage, index) == 1:
            char = "-"
        if not pdfium_c.FPDFText_GetLooseCharBox(textpage, index, box):
            continue
        size, font, upright = _style(textpage, index, styles)
        # pdfminer's box, which the layout is tuned to: from the font's descent up by the font size
        # (PDFium's loose box reaches to the font's ascent, higher for some fonts).
        bottom = height - box.bottom
        yield {
            "text": char,
            "x0": box.left,
            "x1": box.right,
            "top": bottom - size,
            "bottom": bottom,
            "doctop": bottom - size,
            "size": size,
            "fontname": font,
            "upright": upright,
        }


def _style(
    textpage: pdfium.PdfTextPage, index: int, known: dict[int | None, tuple[float, str, bool]]
) -> tuple[float, str, bool]:
    """Font size, font name and uprightness of the character's text object, read once per object."""
    key = ctypes.cast(pdfium_c.FPDFText_GetTextObject(textpage, index), ctypes.c_void_p).value
    if key not in known:
        buffer = ctypes.create_string_buffer(_FONT_NAME_BYTES)
        flags = ctypes.c_int()
        pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, _FONT_NAME_BYTES, flags)
        angle = pdfium_c.FPDFText_GetCharAngle(textpage, index)
        upright = angle < 0 or min(angle, 2 * math.pi - angle) < _UPRIGHT_RADIANS
        size = pdfium_c.FPDFText_GetFontSize(textpage, index)
        known[key] = (size, buffer.value.decode("utf-8", "replace"), upright)
    return known[key]


def ruled_tables(page: pdfium.PdfPage, height: float) -> list[Table]:
    """Tables drawn with lines or rectangles."""
    return tables_from_edges(list(_edges(page, height)))


def tables_from_edges(edges: list[dict[str, Any]]) -> list[Table]:
    """The tables that ruled lines (pdfplumber edges) make, found as pdfplumber's table finder finds them
    with its default "lines" strategy."""
    settings = TableSettings.resolve(None)
    edges = [
        *filter_edges(edges, "v", min_length=settings.edge_min_length_prefilter),
        *filter_edges(edges, "h", min_length=settings.edge_min_length_prefilter),
    ]
    edges = merge_edges(
        edges,
        snap_x_tolerance=settings.snap_x_tolerance,
        snap_y_tolerance=settings.snap_y_tolerance,
        join_x_tolerance=settings.join_x_tolerance,
        join_y_tolerance=settings.join_y_tolerance,
    )
    edges = filter_edges(edges, min_length=settings.edge_min_length)
    intersections = edges_to_intersections(
        edges, settings.intersection_x_tolerance, settings.intersection_y_tolerance
    )
    return [Table(None, cells) for cells in cells_to_tables(intersections_to_cells(intersections))]


def _edges(page: pdfium.PdfPage, height: float) -> Iterator[dict[str, Any]]:
    """Every horizontal or vertical straight segment of the page's paths, forms included."""
    for path, matrix in _paths(
        page.raw, IDENTITY, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject
    ):
        for start, end in _segments(path, matrix):
            edge = _edge(start, end, height)
            if edge is not None:
                yield edge


def _paths(owner: Any, outer: Matrix, count: Any, get: Any) -> Iterator[tuple[Any, Matrix]]:
    for index in range(count(owner)):
        page_object = get(owner, index)
        kind = pdfium_c.FPDFPageObj_GetType(page_object)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield page_object, _compose(_matrix(page_object), outer)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            inner = _compose(_matrix(page_object), outer)
            yield from _paths(
                page_object, inner, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject
            )


def _matrix(page_object: Any) -> Matrix:
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(page_object, matrix):
        return IDENTITY
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _segments(path: Any, matrix: Matrix) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight segments of a path in page space: each line-to from the previous point, and the
    closing segment of a closed subpath. Curves are no ruled lines."""
    x, y = ctypes.c_float(), ctypes.c_float()
    subpath_start = previous = None
    for index in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = _apply(matrix, x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            subpath_start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            yield previous, point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and subpath_start is not None:
            yield point, subpath_start
        previous = point


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _edge(start: tuple[float, float], end: tuple[float, float], height: float) -> dict[str, Any] | None:
    (x0, y0), (x1, y1) = start, end
    if abs(y0 - y1) <= _AXIS_TOLERANCE:
        orientation = "h"
    elif abs(x0 - x1) <= _AXIS_TOLERANCE:
        orientation = "v"
    else:
        return None
    return line_edge(min(x0, x1), height - max(y0, y1), max(x0, x1), height - min(y0, y1), orientation)


def line_edge(left: float, top: float, right: float, bottom: float, orientation: str) -> dict[str, Any]:
    """A ruled line as pdfplumber's table finder takes it (points, top-down)."""
    if orientation == "h":
        bottom = top
    else:
        right = left
    return {
        "object_type": "line",
        "x0": left,
        "x1": right,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": right - left,
        "height": bottom - top,
        "orientation": orientation,
    }
