"""Purpose, goals, sub-goals and activities, as lists, tables, "Label: ..." lines or prose."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from extractors.model import Block, BlockKind, ExtractedDocument
from nlp.model import Item
from nlp.rules import alternation, load
from nlp.sections import ITEM_CATEGORIES, heading_of, label_of

_PAGE_NUMBER = re.compile(r"(?i)^\s*(?:sida\s+)?\d+\s*(?:(?:av|/)\s*\d+|\(\d+\))?\s*$")
_SENTENCE_BREAK = re.compile(r"(?<=[.;])\s+")
_BULLET = re.compile(r"^\s*(?:[-–•*▪●o]\s+|\d+(?:\.\d+)+[.)]?\s+|\d+[.)]\s+|[a-z][.)]\s+)")


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


# Whose goal a sentence states, or who needs the support, before the opener: "Annas mål är att ...",
# "Hans syfte är att ...", "Matilda behöver stöd med att ...".
_WHOSE = r"(?:(?:hennes|hans|deras|hon|han|hen|de|vi|[A-ZÅÄÖ][\w-]*(?::s)?)\s+)?"
# Where an opener may begin: a sentence, or a clause after ", och" / ", men" / ";".
_CLAUSE_START = r"(?:^|(?<=[.!?]\s)|(?<=[;:]\s)|(?<=,\s)(?:och|men|samt)\s+)"
# "…" in an opener stands for up to four words ("Delmålet … är att" reads "Delmålet till hösten är att").
_FEW_WORDS = r"(?:[\w:/-]+\s+){0,4}?"
_ANY_WORDS = r"(?:[^.!?\n]*?\s)?"


def _opener(phrase: str) -> str:
    """An opener's regex; "…" leading it stands for any words of the sentence before it."""
    parts = [r"\s+".join(re.escape(word) for word in part.split()) for part in phrase.split("…")]
    if not parts[0]:
        return _ANY_WORDS + (r"\s*" + _FEW_WORDS).join(parts[1:])
    return (r"\s*" + _FEW_WORDS).join(parts)


@lru_cache(maxsize=1)
def _prose_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Sentences such as "Målet med insatsen är att ..." (patterns/items.yaml)."""
    compiled = []
    for kind, openers in load("items")["prose"].items():
        ordered = sorted(openers, key=len, reverse=True)
        alternatives = "|".join(_opener(phrase) for phrase in ordered)
        opener = rf"{_CLAUSE_START}{_WHOSE}(?:{alternatives})"
        compiled.append((kind, re.compile(rf"(?i){opener}(?::\s*|\s+)(?P<item>[^.!?]+[.!?]?)")))
    return compiled


def _prose_pieces(text: str) -> list[_Piece]:
    """Items stated in prose; an item ends where the next opener in its sentence begins
    ("Insatsen syftar till att A, och målet är att B")."""
    matches = sorted(
        ((kind, match) for kind, pattern in _prose_patterns() for match in pattern.finditer(text)),
        key=lambda pair: pair[1].start(),
    )
    pieces = []
    for (kind, match), following in itertools.zip_longest(matches, matches[1:]):
        end = match.end("item")
        if following and match.start("item") < following[1].start() < end:
            end = following[1].start()
        start, end = _strip(text, match.start("item"), end)
        end = _without_conjunction(text, start, end)
        if _has_content(text[start:end]) and not any(p.start == start for p in pieces):
            pieces.append(_Piece(kind, start, end))
    return pieces


def _has_content(item: str) -> bool:
    return bool(re.search(r"\w", re.sub(r"(?i)\batt\b", "", item)))


def _dangling_opener(text: str) -> str | None:
    """The kind an opener announces when the items follow on the next lines ("Peter behöver stöd med att")."""
    for kind, pattern in _prose_patterns():
        match = pattern.search(text + " .")
        if match and not _has_content(match["item"]):
            return kind
    return None


def _without_conjunction(text: str, start: int, end: int) -> int:
    """Offsets of an item cut before the next clause, without its trailing ", och"."""
    trailing = re.search(r"(?:[\s,;]+(?:och|men|samt))?[\s,;]*$", text[start:end])
    return start + trailing.start() if trailing else end


@lru_cache(maxsize=1)
def _elaboration() -> re.Pattern[str]:
    return re.compile(rf"(?i),\s+(?:{alternation(load('items')['elaborations'])})(?!\w)")


@lru_cache(maxsize=1)
def _not_item_opening() -> re.Pattern[str]:
    return re.compile(rf"(?i)^\s*(?:{alternation(load('items')['not_item_openers'])})(?!\w)")


# "Kent Lindqvist, handledare": who signed, not an item
_SIGNATURE = re.compile(r"^[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+)+(?:\s*[,/·]\s*[\w ,/·-]*)?$")


def _is_not_item(text: str) -> bool:
    return bool(_not_item_opening().match(text) or _SIGNATURE.match(text.strip()))


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


def _lead_in_start(block: Block) -> int:
    """Where a paragraph's last sentence starts, when that sentence leads in to a list (ends in ":")
    and others come before it; else 0."""
    if block.kind != BlockKind.PARAGRAPH or not block.text.rstrip().endswith(":"):
        return 0
    breaks = list(_SENTENCE_BREAK.finditer(block.text))
    return breaks[-1].end() if breaks else 0


def _inline_item(text: str, label_end: int) -> tuple[int, int]:
    """The item after "Aktivitet: ...": its first sentence; what follows says how, who or when."""
    return _first_sentence(text, label_end)


def _first_sentence(text: str, start: int) -> tuple[int, int]:
    bullet = _BULLET.match(text[start:])  # "a. Gunilla deltar ...": the enumerator's stop ends no sentence
    if bullet:
        start += bullet.end()
    brk = _SENTENCE_BREAK.search(text, start)
    return _strip(text, start, brk.start() if brk else len(text))


def _block_pieces(block: Block, section: _Section) -> list[_Piece]:
    """Items in one paragraph or list item; updates the open section."""
    if _PAGE_NUMBER.match(block.text) or is_placeholder(block.text):
        return []
    lead_in = _lead_in_start(block)
    if lead_in:
        # "X ska ha en anställning ... Delmålen på vägen är:": the sentences before the lead-in are
        # content of the open section; the lead-in opens the section its list belongs to.
        pieces = _block_pieces(replace(block, text=block.text[:lead_in]), section)
        section.open(heading_of(block.text[lead_in:], False) or section.category)
        return pieces
    label = label_of(block.text)
    if label and label.rest and block.kind == BlockKind.HEADING and heading_of(label.rest, True):
        label = None  # "Aktiviteter – Anna behöver stöd med" is a heading
    if label and label.rest:
        section.open(None)
        if label.category not in ITEM_CATEGORIES:
            return []
        start, end = _inline_item(block.text, label.label_end)
        return [_Piece(_kind(label.category), start, end)] if end > start else []
    prose = _prose_pieces(block.text)
    heading = label.category if label else heading_of(block.text, block.kind == BlockKind.HEADING)
    dangling = _dangling_opener(block.text)
    heading = heading or (None if prose else dangling)
    is_heading = (
        block.kind == BlockKind.HEADING
        or block.text.rstrip().endswith(":")
        or bool(heading and heading == dangling)
    )
    if is_heading or (heading and not prose):  # a short line of prose is not a heading: "Målet är att ..."
        if heading is None and block.kind == BlockKind.PARAGRAPH and block.text.rstrip().endswith(":"):
            return prose  # a lead-in that names no section ("Vi arbetar med följande:") keeps it open
        section.open(heading)
        return []
    if block.kind == BlockKind.LIST_ITEM:
        section.had_list = True
    elif section.had_list and not prose:
        section.category = None  # a paragraph after the list ends the section
    if section.category in ITEM_CATEGORIES:
        start, end = (
            _first_sentence(block.text, 0)
            if block.kind == BlockKind.PARAGRAPH
            else _strip(block.text, 0, len(block.text))
        )
        # the section's own item, unless the sentence states its item in prose
        if end > start and not any(piece.start < end for piece in prose):
            prose.insert(0, _Piece(_kind(section.category), start, end, ("section", section.number)))
    return prose


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
    header = [cell for cell in cells if cell.cell.row == header_row and not is_placeholder(cell.text)]
    columns = {cell.cell.column: _label_cell(cell.text) for cell in header}
    found = []
    # a header row names its columns; a first row with content in it is a label and its value
    is_header_row = all(_is_column_name(cell.text) for cell in header)
    if is_header_row and any(category in ITEM_CATEGORIES for category in columns.values()):
        row_labels = _row_labels(cells, columns, header_row)
        for cell in cells:
            category = columns.get(cell.cell.column)
            if cell.cell.row != header_row and category in ITEM_CATEGORIES:
                category = row_labels.get(cell.cell.row, category)
                group = ("table", cell.cell.table, cell.cell.column)
                found.extend((cell, piece) for piece in _cell_pieces(cell, category, group))
        return found
    by_row: dict[int, list[Block]] = {}
    for cell in cells:
        by_row.setdefault(cell.cell.row, []).append(cell)
    for row in by_row.values():
        row.sort(key=lambda c: c.cell.column)
        for left, right in itertools.pairwise(row):
            category = _label_cell(left.text)
            if category in ITEM_CATEGORIES:
                found.extend((right, piece) for piece in _cell_pieces(right, category))
        for cell in row:
            label = label_of(cell.text)
            if label and label.rest and label.category in ITEM_CATEGORIES:
                start, end = _strip(cell.text, label.label_end, len(cell.text))
                found.append((cell, _Piece(_kind(label.category), start, end)))
    return found


def _row_labels(cells: list[Block], columns: dict[int, str | None], header_row: int) -> dict[int, str]:
    """Rows whose first cell, outside the item columns, names an item kind ("Syfte", "Mål för perioden"
    under "Område | Mål och hur"): that kind beats the column's."""
    labels = {}
    for cell in cells:
        if cell.cell.row != header_row and cell.cell.column == 0 and columns.get(0) not in ITEM_CATEGORIES:
            category = _label_cell(cell.text)
            if category in ITEM_CATEGORIES:
                labels[cell.cell.row] = category
    return labels


def _is_column_name(text: str) -> bool:
    return len(text.split()) <= _COLUMN_NAME_WORDS and not text.rstrip().endswith(".")


_COLUMN_NAME_WORDS = 6


def _label_cell(text: str) -> str | None:
    """The section a label cell names: "Delmål 2", "Elvira behöver stöd med"."""
    label = label_of(text)
    if label:
        return None if label.rest else label.category
    return heading_of(text, is_heading=True)


_CELL_PART = re.compile(r"[^\n•▪●]+")
# A sentence inside a cell that opens with its own label: "... på egen hand. Stöd: Oskar behöver ...".
_INLINE_LABEL = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ][\w]*(?:[ \t][\wåäö]+){0,3}:\s)")


def _cell_pieces(cell: Block, category: str, group: tuple = ()) -> list[_Piece]:
    """One item per paragraph, bullet or labelled sentence of the cell, without its "Delmål 1:" label;
    a label that names a kind gives the item that kind, one that names no item kind ("Hur:") leaves
    the sentence out."""
    pieces = []
    for part in _CELL_PART.finditer(cell.text):
        for begin, finish in _labelled_sentences(cell.text, part.start(), part.end()):
            segment = cell.text[begin:finish]
            if is_placeholder(segment):
                continue
            kind_of = category
            label = label_of(segment)
            if label and label.rest:
                if label.category not in ITEM_CATEGORIES:
                    continue
                begin, kind_of = begin + label.label_end, label.category
            start, end = _strip(cell.text, begin, finish)
            if end > start:
                pieces.append(_Piece(_kind(kind_of), start, end, group))
    return pieces


def _labelled_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The part split before each sentence that opens with a section label."""
    cuts = [m.end() for m in _INLINE_LABEL.finditer(text, start, end) if label_of(text[m.end() : end])]
    bounds = [start, *cuts, end]
    return list(itertools.pairwise(bounds))


def _without_elaboration(text: str, piece: _Piece) -> _Piece:
    """The item without what only explains it: "..., till exempel bänkar", "..., som han gjorde förr"."""
    cut = _elaboration().search(text, piece.start, piece.end)
    return _Piece(piece.kind, piece.start, cut.start(), piece.group) if cut else piece


# Where a list written in one sentence goes on: "att A, med att B och med att C", "att A; att B".
# "A, och B" without a new "att" stays one item: the second clause tells more of the first.
_ENUMERATION = re.compile(
    r"\s*(?:[;,]\s*(?:och\s+|samt\s+)?|\s+(?:och|samt)\s+)(?=(?:med\s+|i\s+)?att\s)|;\s*"
)
ENUMERATED_KINDS = frozenset({"subgoal", "activity"})
_PREPOSITION = r"(?:med|i)\s+(?=att\s)"
_PREPOSITION_AND_ATT = r"(?:(?:med|i)\s+)?att\s+"


def _enumerated(block: Block, piece: _Piece) -> list[_Piece]:
    """Sub-goals and activities listed in one sentence, one piece each ("med att" reads "att"). A bullet
    of a list under a heading is one item whatever it joins: the list is the enumeration."""
    text = block.text
    if piece.kind not in ENUMERATED_KINDS or (
        block.kind == BlockKind.LIST_ITEM and piece.group[:1] == ("section",)
    ):
        return [piece]
    starts = [piece.start] + [m.end() for m in _ENUMERATION.finditer(text, piece.start, piece.end)]
    ends = [m.start() for m in _ENUMERATION.finditer(text, piece.start, piece.end)] + [piece.end]
    # "delmålen att A och att B": the opener took the first "att", so the others go too
    lead_word = _PREPOSITION if text.startswith("att ", piece.start) else _PREPOSITION_AND_ATT
    parts = []
    for start, end in zip(starts, ends, strict=True):
        lead = re.match(lead_word, text[start:end]) if start > piece.start else None
        start, end = _strip(text, start + (lead.end() if lead else 0), end)
        if end > start:
            parts.append(_Piece(piece.kind, start, end, piece.group))
    return parts


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
    resolved = _goal_then_subgoals(found)
    found = [
        (block, part)
        for block, piece in resolved
        for part in _enumerated(block, _without_elaboration(block.text, piece))
        if not _is_not_item(block.text[part.start : part.end])
    ]
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
