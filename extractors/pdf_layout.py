"""From positioned words of PDF pages to blocks: lines, tables, furniture, paragraphs, lists, headings."""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from extractors.furniture import EdgeLine, edge_zone, is_furniture, recurring
from extractors.model import BlockKind, TableCellPosition
from extractors.text import LIST_MARKER, DraftBlock, heading_like, join_lines

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom (pdfplumber's page coordinates)

HEADING_SIZE_RATIO = 1.12
COLUMN_GAP_EMS = 3.0  # a wider gap inside a line means columns (an unruled table, label and value)
MIN_STYLE_CHARS = 200  # fewer characters on a page than this: compare its fonts with the whole document's

_LABEL_START = re.compile(r"^[A-ZÅÄÖÉ][\wåäöéÅÄÖÉ/-]*(?: [\wåäöéÅÄÖÉ/-]+){0,3}:(?:\s|$)")


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def center(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class TableGrid:
    """A ruled table found by pdfplumber: its box and its rows of cell boxes (None where a cell spans)."""

    bbox: BBox
    rows: tuple[tuple[BBox | None, ...], ...]


@dataclass(slots=True)
class PageContent:
    """What was read from one page; the layout below works on this alone."""

    number: int
    width: float
    height: float
    words: list[Word]
    tables: list[TableGrid]
    from_ocr: bool = False


@dataclass(frozen=True, slots=True)
class Line:
    words: tuple[Word, ...]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    gaps: tuple[float, ...]  # horizontal space between consecutive words


@dataclass(frozen=True, slots=True)
class _PageStyle:
    body_size: float
    body_bold: bool


@dataclass(frozen=True, slots=True)
class _DocumentMetrics:
    right_edges: dict[int, float]  # where full lines end, by page width (portrait and landscape differ)
    gap_ratio: float  # a gap between lines above ratio × font size ends a paragraph

    def right_edge(self, page_width: float) -> float:
        return self.right_edges.get(round(page_width), page_width)


def make_line(words: Iterable[Word]) -> Line:
    ordered = tuple(sorted(words, key=lambda w: w.x0))
    weights: Counter[float] = Counter()
    bold_chars = 0
    for word in ordered:
        weights[word.size] += len(word.text)
        bold_chars += len(word.text) if word.bold else 0
    total = sum(weights.values())
    return Line(
        ordered,
        " ".join(w.text for w in ordered),
        min(w.x0 for w in ordered),
        max(w.x1 for w in ordered),
        min(w.top for w in ordered),
        max(w.bottom for w in ordered),
        weights.most_common(1)[0][0],
        bold_chars >= 0.9 * total,
        tuple(b.x0 - a.x1 for a, b in itertools.pairwise(ordered)),
    )


def group_lines(words: Iterable[Word]) -> list[Line]:
    """Words on the same baseline as lines, top to bottom."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and _same_line(lines[-1][0], word):
            lines[-1].append(word)
        else:
            lines.append([word])
    return [make_line(line) for line in lines]


def _same_line(first: Word, word: Word) -> bool:
    overlap = min(first.bottom, word.bottom) - max(first.top, word.top)
    return overlap >= 0.5 * min(first.bottom - first.top, word.bottom - word.top)


def _inside(point: tuple[float, float], box: BBox, margin: float = 0.0) -> bool:
    x, y = point
    return box[0] - margin <= x <= box[2] + margin and box[1] - margin <= y <= box[3] + margin


@dataclass(slots=True)
class _SplitPage:
    """A page's words divided into ruled tables and free lines."""

    page: PageContent
    tables: list[TableGrid]
    lines: list[Line]
    table_words: list[Word]


def _split_tables(page: PageContent) -> _SplitPage:
    # A single ruled box around some text is a frame, not a table: its text stays in the flow.
    tables = sorted(
        (t for t in page.tables if sum(c is not None for row in t.rows for c in row) >= 2),
        key=lambda t: t.bbox[1],
    )
    free: list[Word] = []
    in_tables: list[Word] = []
    for word in page.words:
        inside = any(_inside(word.center, t.bbox, 1.0) for t in tables)
        (in_tables if inside else free).append(word)
    return _SplitPage(page, tables, group_lines(free), in_tables)


def layout_document(pages: list[PageContent]) -> tuple[list[DraftBlock], list[DraftBlock]]:
    """Body blocks in reading order and the page headers and footers, for the pages of one PDF."""
    split = [_split_tables(page) for page in pages]
    body_lines, furniture = _split_furniture(pages, {s.page.number: s.lines for s in split})
    metrics = _document_metrics(pages, body_lines)
    tables = _tables_by_page(split, body_lines)
    text_words = {n: [w for line in lines for w in line.words] for n, lines in body_lines.items()}
    document_style = _document_style(
        [w for words in text_words.values() for w in words], [w for s in split for w in s.table_words]
    )
    body: list[DraftBlock] = []
    for page in pages:
        style = _style(text_words[page.number], fallback=document_style)
        body.extend(_page_blocks(page, body_lines[page.number], tables[page.number], style, metrics))
    return body, furniture


def _tables_by_page(
    split: list[_SplitPage], body_lines: dict[int, list[Line]]
) -> dict[int, list[tuple[float, list[DraftBlock]]]]:
    """The cells of every table, numbered in reading order. A table that ends one page and one with the
    same columns that starts the next are one table broken by the page: same number, rows go on."""
    number, next_row = -1, 0
    open_table: TableGrid | None = None
    result: dict[int, list[tuple[float, list[DraftBlock]]]] = {}
    for part in split:
        lines = body_lines[part.page.number]
        result[part.page.number] = []
        for index, table in enumerate(part.tables):
            top, bottom = table.bbox[1], table.bbox[3]
            starts_page = index == 0 and not any(line.bottom <= top for line in lines)
            if open_table is not None and starts_page and _same_columns(open_table, table):
                first_row = next_row
            else:
                number, first_row = number + 1, 0
            result[part.page.number].append((top, _table_cells(table, part.page, number, first_row)))
            next_row = first_row + len(table.rows)
            ends_page = index == len(part.tables) - 1 and not any(line.top >= bottom for line in lines)
            open_table = table if ends_page else None
        if not part.tables:
            open_table = None
    return result


def _same_columns(first: TableGrid, second: TableGrid, tolerance: float = 2.0) -> bool:
    def edges(table: TableGrid) -> list[float]:
        return sorted({round(x, 0) for row in table.rows for box in row if box for x in (box[0], box[2])})

    a, b = edges(first), edges(second)
    return len(a) == len(b) and all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def _table_cells(table: TableGrid, page: PageContent, number: int, first_row: int) -> list[DraftBlock]:
    """One TABLE_CELL per non-empty cell, row by row; a cell's wrapped lines joined into one text."""
    cells = []
    for row_index, row in enumerate(table.rows, start=first_row):
        for column_index, box in enumerate(row):
            if box is None:
                continue
            words = [w for w in page.words if _inside(w.center, box)]
            text = join_lines(line.text for line in group_lines(words))
            if text:
                position = TableCellPosition(number, row_index, column_index)
                cells.append(DraftBlock(text, BlockKind.TABLE_CELL, page.number, position))
    return cells


def _split_furniture(
    pages: list[PageContent], lines_by_page: dict[int, list[Line]]
) -> tuple[dict[int, list[Line]], list[DraftBlock]]:
    """Lines that recur at the top or bottom of the pages become headers and footers."""
    edges: list[tuple[Line, EdgeLine]] = []
    for page in pages:
        for line in lines_by_page[page.number]:
            zone = edge_zone(line.top, line.bottom, page.height)
            if zone is not None:
                edges.append((line, EdgeLine(page.number, zone, line.text)))
    pages_with_text = sum(1 for page in pages if page.words)
    keys = recurring((edge for _, edge in edges), pages_with_text)
    furniture_lines = {id(line) for line, edge in edges if is_furniture(edge, keys)}
    furniture = [
        DraftBlock(edge.text, edge.zone, edge.page) for line, edge in edges if id(line) in furniture_lines
    ]
    furniture.sort(key=lambda d: (d.page, d.kind != BlockKind.PAGE_HEADER))
    body = {
        number: [line for line in lines if id(line) not in furniture_lines]
        for number, lines in lines_by_page.items()
    }
    return body, furniture


def _document_metrics(pages: list[PageContent], body_lines: dict[int, list[Line]]) -> _DocumentMetrics:
    ends_by_width: dict[int, list[float]] = {}
    for page in pages:
        ends_by_width.setdefault(round(page.width), []).extend(line.x1 for line in body_lines[page.number])
    ratios = [
        (line.top - previous.bottom) / line.size
        for lines in body_lines.values()
        for previous, line in itertools.pairwise(lines)
        if abs(line.size - previous.size) < 0.5 and line.top >= previous.bottom and line.size > 0
    ]
    # The tightest common spacing is the one between wrapped lines; paragraph gaps are larger.
    typical = statistics.quantiles(ratios, n=5)[0] if len(ratios) >= 2 else 0.2
    right_edges = {width: _right_edge(ends) for width, ends in ends_by_width.items() if ends}
    return _DocumentMetrics(right_edges, max(0.5, min(typical, 1.5) + 0.3))


def _right_edge(line_ends: list[float]) -> float:
    """The right margin of the text: nearly the farthest line end, so that one line running into the
    margin does not make every other line look short."""
    if len(line_ends) < 20:
        return max(line_ends)
    return statistics.quantiles(line_ends, n=20)[-1]


def _document_style(text_words: list[Word], table_words: list[Word]) -> _PageStyle:
    """The running text's style. Tables are often set smaller, and where they hold most of a page's text
    its paragraphs would otherwise look like headings; only a document of little else goes by its tables."""
    if sum(len(w.text) for w in text_words) >= MIN_STYLE_CHARS:
        return _style(text_words)
    return _style(text_words + table_words)


def _style(words: Iterable[Word], fallback: _PageStyle | None = None) -> _PageStyle:
    """The dominant font size (by characters) and whether most text is bold; a page with too little text
    to tell takes the document's."""
    sizes: Counter[float] = Counter()
    bold = 0
    for word in words:
        sizes[round(word.size * 2) / 2] += len(word.text)
        bold += len(word.text) if word.bold else 0
    total = sum(sizes.values())
    if fallback is not None and total < MIN_STYLE_CHARS:
        return fallback
    if not total:
        return _PageStyle(0.0, False)
    return _PageStyle(sizes.most_common(1)[0][0], bold > total / 2)


@dataclass(slots=True)
class _OpenBlock:
    kind: BlockKind
    lines: list[Line] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def _page_blocks(
    page: PageContent,
    lines: list[Line],
    tables: list[tuple[float, list[DraftBlock]]],
    style: _PageStyle,
    metrics: _DocumentMetrics,
) -> Iterator[DraftBlock]:
    items: list[tuple[float, Line | list[DraftBlock]]] = [(line.top, line) for line in lines]
    items.extend(tables)
    items.sort(key=lambda item: item[0])
    current: _OpenBlock | None = None
    for _, item in items:
        if isinstance(item, list):
            if current is not None:
                yield _close(current, page.number)
                current = None
            yield from item
            continue
        opened = _open_for(item, current, style, metrics, page.width)
        if opened is None:
            assert current is not None
            current.lines.append(item)
            current.texts.append(item.text)
            continue
        if current is not None:
            yield _close(current, page.number)
        current = opened
    if current is not None:
        yield _close(current, page.number)


def _close(block: _OpenBlock, page: int) -> DraftBlock:
    return DraftBlock(join_lines(block.texts), block.kind, page)


def _open_for(
    line: Line, current: _OpenBlock | None, style: _PageStyle, metrics: _DocumentMetrics, page_width: float
) -> _OpenBlock | None:
    """A new block that this line opens, or None when it continues the current block."""
    marker = LIST_MARKER.match(line.text)
    bulleted = marker is not None and not marker.group()[0].isalnum()
    if _is_heading(line, style) and not bulleted:
        if (
            current is not None
            and current.kind == BlockKind.HEADING
            and _continues(current.lines[-1], line, metrics, page_width, check_width=False)
        ):
            return None
        return _OpenBlock(BlockKind.HEADING, [line], [line.text])
    if marker:
        return _OpenBlock(BlockKind.LIST_ITEM, [line], [line.text[marker.end() :]])
    if (
        current is not None
        and current.kind != BlockKind.HEADING
        and _continues(current.lines[-1], line, metrics, page_width, check_width=True)
    ):
        return None
    return _OpenBlock(BlockKind.PARAGRAPH, [line], [line.text])


def _is_heading(line: Line, style: _PageStyle) -> bool:
    if not heading_like(line.text):
        return False
    larger = line.size >= style.body_size * HEADING_SIZE_RATIO and line.size >= style.body_size + 1
    return larger or (line.bold and not style.body_bold)


def _continues(
    previous: Line, line: Line, metrics: _DocumentMetrics, page_width: float, *, check_width: bool
) -> bool:
    """Whether ``line`` is the next wrapped line of the paragraph that ``previous`` belongs to."""
    size = max(previous.size, line.size)
    gap = line.top - previous.bottom
    if gap > metrics.gap_ratio * size or gap < -0.5 * size:
        return False
    if abs(line.size - previous.size) > 1.0 or _columnar(previous) or _columnar(line):
        return False
    if not check_width:  # heading lines: one heading only while the style stays the same
        return line.bold == previous.bold
    if _LABEL_START.match(line.text):
        return False
    if _broken_word(previous.text, line.text) or _mid_sentence(previous.text, line.text):
        return True
    # A line that stops short of the margin although the next word would have fitted ended its paragraph.
    first_word = line.words[0]
    room = metrics.right_edge(page_width) - previous.x1
    return room < (first_word.x1 - first_word.x0) + 0.3 * size


def _mid_sentence(previous: str, following: str) -> bool:
    """A line without closing punctuation before a line starting in lower case: one sentence wrapped."""
    return previous[-1:].isalnum() and following[:1].isalpha() and following[:1].islower()


def _broken_word(previous: str, following: str) -> bool:
    """A line ending in a hyphenated word part ("arbets-") before a line starting in lower case."""
    return (
        len(previous) >= 2
        and previous[-1] in "-\u00ad\u2010"
        and previous[-2].isalpha()
        and following[:1].islower()
    )


def _columnar(line: Line) -> bool:
    """Words set apart in columns; the gap after a list bullet does not count."""
    gaps = line.gaps[1:] if LIST_MARKER.match(line.text) else line.gaps
    return any(gap > COLUMN_GAP_EMS * line.size for gap in gaps)
