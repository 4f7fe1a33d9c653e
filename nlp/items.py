"""Purpose, goals, sub-goals and activities, as lists, tables, "Label: ..." lines or prose."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.model import Block, BlockKind, ExtractedDocument
from nlp.model import Item
from nlp.rules import alternation, load
from nlp.sections import ITEM_CATEGORIES, heading_of, label_of

_PAGE_NUMBER = re.compile(r"(?i)^\s*(?:sida\s+)?\d+\s*(?:(?:av|/)\s*\d+|\(\d+\))?\s*$")
_SENTENCE_BREAK = re.compile(r"(?<=[.;])\s+")
_BULLET = re.compile(r"^\s*(?:[-–•*▪●o]\s+|\d+(?:\.\d+)*[.)]\s+|[a-z][.)]\s+)")


@dataclass(frozen=True, slots=True)
class _Piece:
    """A stretch of a block that is an item: block-relative offsets."""

    kind: str
    start: int
    end: int


def _kind(category: str) -> str:
    return "goal" if category == "purpose_and_goal" else category


@lru_cache(maxsize=1)
def _prose_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Sentences such as "Målet med insatsen är att ..." (patterns/items.yaml)."""
    compiled = []
    for kind, openers in load("items")["prose"].items():
        compiled.append(
            (kind, re.compile(rf"(?i)(?:^|(?<=[.!?]\s))(?:{alternation(openers)})\s+(?P<item>[^.!?]+[.!?]?)"))
        )
    return compiled


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without bullets, numbering, surrounding space and a final full stop."""
    bullet = _BULLET.match(text[start:end])
    if bullet:
        start += bullet.end()
    while start < end and text[start] in " \t:;–-":
        start += 1
    while end > start and text[end - 1] in " \t.;,":
        end -= 1
    return start, end


@dataclass(slots=True)
class _Section:
    """The section open while reading the blocks in order."""

    category: str | None = None
    had_list: bool = False


def _inline_item(text: str, label_end: int) -> tuple[int, int]:
    """The item after "Aktivitet: ..." up to a following label of another kind ("Hur: ...", "Vem: ...")."""
    end = len(text)
    for brk in _SENTENCE_BREAK.finditer(text, label_end):
        following = label_of(text[brk.end() :])
        if following and following.rest and following.category not in ITEM_CATEGORIES:
            end = brk.start()
            break
    return _strip(text, label_end, end)


def _block_pieces(block: Block, section: _Section) -> list[_Piece]:
    """Items in one paragraph or list item; updates the open section."""
    if _PAGE_NUMBER.match(block.text) or is_placeholder(block.text):
        return []
    label = label_of(block.text)
    if label and label.rest:
        section.category, section.had_list = None, False
        if label.category not in ITEM_CATEGORIES:
            return []
        start, end = _inline_item(block.text, label.label_end)
        return [_Piece(_kind(label.category), start, end)] if end > start else []
    heading = label.category if label else heading_of(block.text, block.kind == BlockKind.HEADING)
    if heading or block.kind == BlockKind.HEADING:
        section.category, section.had_list = heading, False
        return []
    prose = [
        _Piece(kind, *_strip(block.text, match.start("item"), match.end("item")))
        for kind, pattern in _prose_patterns()
        for match in pattern.finditer(block.text)
    ]
    if prose:
        return prose
    if block.kind == BlockKind.LIST_ITEM:
        section.had_list = True
    elif section.had_list:
        section.category = None  # a paragraph after the list ends the section
    if section.category in ITEM_CATEGORIES:
        start, end = _strip(block.text, 0, len(block.text))
        if end > start:
            return [_Piece(_kind(section.category), start, end)]
    return []


@lru_cache(maxsize=1)
def _placeholders() -> frozenset[str]:
    return frozenset(_folded(text) for text in load("items")["not_items"])


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w ]", " ", text.casefold()).split())


def is_placeholder(text: str) -> bool:
    """Template filler and references, not an item: "Se beställning", "ej ifyllt", "–"."""
    return _folded(text) in _placeholders() or not _folded(text)


def _table_pieces(cells: list[Block]) -> list[tuple[Block, _Piece]]:
    """Items of a table: the cells under item-kind column headers, or the value beside an item label."""
    header_row = min(c.cell.row for c in cells)
    columns = {}
    for cell in cells:
        if cell.cell.row == header_row:
            label = label_of(cell.text)
            if label and not label.rest:
                columns[cell.cell.column] = label.category
    found = []
    if any(category in ITEM_CATEGORIES for category in columns.values()):
        for cell in cells:
            category = columns.get(cell.cell.column)
            if cell.cell.row != header_row and category in ITEM_CATEGORIES:
                found.extend((cell, piece) for piece in _cell_pieces(cell, category))
        return found
    by_row: dict[int, list[Block]] = {}
    for cell in cells:
        by_row.setdefault(cell.cell.row, []).append(cell)
    for row in by_row.values():
        row.sort(key=lambda c: c.cell.column)
        for left, right in itertools.pairwise(row):
            label = label_of(left.text)
            if label and not label.rest and label.category in ITEM_CATEGORIES:
                found.extend((right, piece) for piece in _cell_pieces(right, label.category))
        for cell in row:
            label = label_of(cell.text)
            if label and label.rest and label.category in ITEM_CATEGORIES:
                start, end = _strip(cell.text, label.label_end, len(cell.text))
                found.append((cell, _Piece(_kind(label.category), start, end)))
    return found


def _cell_pieces(cell: Block, category: str) -> list[_Piece]:
    if is_placeholder(cell.text):
        return []
    label = label_of(cell.text)
    begin = label.label_end if label and label.rest else 0
    start, end = _strip(cell.text, begin, len(cell.text))
    return [_Piece(_kind(category), start, end)] if end > start else []


def extract_items(document: ExtractedDocument) -> list[Item]:
    """Every item of the document, in reading order, with page and document offsets."""
    found: list[tuple[Block, _Piece]] = []
    section = _Section()
    tables: dict[int, list[Block]] = {}
    for block in document.body_blocks:
        if block.kind == BlockKind.TABLE_CELL and block.cell is not None:
            tables.setdefault(block.cell.table, []).append(block)
            continue
        pieces = _block_pieces(block, section)
        found.extend((block, piece) for piece in pieces)
    for cells in tables.values():
        found.extend(_table_pieces(cells))
    items = [
        Item(
            piece.kind,
            block.text[piece.start : piece.end],
            block.page,
            block.char_start + piece.start,
            block.char_start + piece.end,
        )
        for block, piece in found
        if piece.end > piece.start
    ]
    return sorted(items, key=lambda item: item.char_start)
