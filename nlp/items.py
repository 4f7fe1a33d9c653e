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
    group: tuple = ()  # the section or table column it stands in


# A section or column headed "Mål och delmål": its first item is the goal, the others sub-goals.
GOAL_THEN_SUBGOALS = "goal_and_subgoals"


def _kind(category: str) -> str:
    return "goal" if category == "purpose_and_goal" else category


# Whose goal a sentence states, before the opener: "Annas mål är att ...", "Hans syfte är att ...".
_OWNER = r"(?:(?:hennes|hans|deras|[A-ZÅÄÖ][\w-]*s|[A-ZÅÄÖ][\w-]*:s)\s+)?"


@lru_cache(maxsize=1)
def _prose_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Sentences such as "Målet med insatsen är att ..." (patterns/items.yaml)."""
    compiled = []
    for kind, openers in load("items")["prose"].items():
        opener = rf"(?:^|(?<=[.!?]\s)){_OWNER}(?:{alternation(openers)})"
        compiled.append((kind, re.compile(rf"(?i){opener}\s+(?P<item>[^.!?]+[.!?]?)")))
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
    number: int = 0

    def open(self, category: str | None) -> None:
        self.category, self.had_list, self.number = category, False, self.number + 1


def _inline_item(text: str, label_end: int) -> tuple[int, int]:
    """The item after "Aktivitet: ...": its first sentence; what follows says how, who or when."""
    return _first_sentence(text, label_end)


def _first_sentence(text: str, start: int) -> tuple[int, int]:
    brk = _SENTENCE_BREAK.search(text, start)
    return _strip(text, start, brk.start() if brk else len(text))


def _block_pieces(block: Block, section: _Section) -> list[_Piece]:
    """Items in one paragraph or list item; updates the open section."""
    if _PAGE_NUMBER.match(block.text) or is_placeholder(block.text):
        return []
    label = label_of(block.text)
    if label and label.rest:
        section.open(None)
        if label.category not in ITEM_CATEGORIES:
            return []
        start, end = _inline_item(block.text, label.label_end)
        return [_Piece(_kind(label.category), start, end)] if end > start else []
    heading = label.category if label else heading_of(block.text, block.kind == BlockKind.HEADING)
    if heading or block.kind == BlockKind.HEADING:
        section.open(heading)
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
        start, end = _first_sentence(block.text, 0) if block.kind == BlockKind.PARAGRAPH else _strip(
            block.text, 0, len(block.text)
        )
        if end > start:
            return [_Piece(_kind(section.category), start, end, ("section", section.number))]
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
                group = ("table", cell.cell.table, cell.cell.column)
                found.extend((cell, piece) for piece in _cell_pieces(cell, category, group))
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


_CELL_PART = re.compile(r"[^\n•▪●]+")


def _cell_pieces(cell: Block, category: str, group: tuple = ()) -> list[_Piece]:
    """One item per paragraph or bullet of the cell, without a leading "Delmål 1:" label."""
    pieces = []
    for part in _CELL_PART.finditer(cell.text):
        if is_placeholder(part.group()):
            continue
        label = label_of(part.group())
        begin = part.start() + (label.label_end if label and label.rest else 0)
        start, end = _strip(cell.text, begin, part.end())
        if end > start:
            pieces.append(_Piece(_kind(category), start, end, group))
    return pieces


def _goal_then_subgoals(found: list[tuple[Block, _Piece]]) -> list[tuple[Block, _Piece]]:
    """Resolve "Mål och delmål": the first item of each such section or column is the goal."""
    seen: set[tuple] = set()
    resolved = []
    for block, piece in sorted(found, key=lambda pair: pair[0].char_start + pair[1].start):
        if piece.kind == GOAL_THEN_SUBGOALS:
            kind = "subgoal" if piece.group in seen else "goal"
            seen.add(piece.group)
            piece = _Piece(kind, piece.start, piece.end, piece.group)
        resolved.append((block, piece))
    return resolved


def extract_items(document: ExtractedDocument) -> list[Item]:
    """Every item of the document, in reading order, with page and document offsets."""
    found: list[tuple[Block, _Piece]] = []
    section = _Section()
    tables: dict[int, list[Block]] = {}
    for block in document.body_blocks:
        if block.kind == BlockKind.TABLE_CELL and block.cell is not None:
            tables.setdefault(block.cell.table, []).append(block)
            section.had_list = True  # a paragraph after a table ends the section, as after a list
            continue
        pieces = _block_pieces(block, section)
        found.extend((block, piece) for piece in pieces)
    for cells in tables.values():
        found.extend(_table_pieces(cells))
    found = _goal_then_subgoals(found)
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
    return items
