"""Page headers and footers: the text that repeats at the top or bottom of the pages."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from extractors.model import BlockKind
from extractors.text import DraftBlock, clean

EDGE_ZONE = 0.12  # fraction of the page height at the top and at the bottom where furniture lives

_DIGITS = re.compile(r"\d+")
_PUNCTUATION = re.compile(r"[^\w#]+")


@dataclass(frozen=True, slots=True)
class EdgeLine:
    """A line in the top or bottom zone of a page, a furniture candidate."""

    page: int
    zone: BlockKind  # PAGE_HEADER or PAGE_FOOTER
    text: str


def edge_zone(top: float, bottom: float, page_height: float) -> BlockKind | None:
    """PAGE_HEADER for a line in the top zone, PAGE_FOOTER in the bottom zone, else None."""
    if page_height <= 0:
        return None
    if bottom <= page_height * EDGE_ZONE:
        return BlockKind.PAGE_HEADER
    if top >= page_height * (1 - EDGE_ZONE):
        return BlockKind.PAGE_FOOTER
    return None


def furniture_key(text: str) -> str:
    """Text compared across pages: numbers stand for any number ("Sida 2 av 3" ~ "Sida 3 av 3"), and
    punctuation is left out, which OCR reads differently from page to page ("·", "+", ":")."""
    return " ".join(_PUNCTUATION.sub(" ", _DIGITS.sub("#", clean(text))).casefold().split())


def recurring(lines: Iterable[EdgeLine], page_count: int) -> set[tuple[BlockKind, str]]:
    """The (zone, key) pairs that occur on at least two pages and on at least half of the pages."""
    pages_by_key: dict[tuple[BlockKind, str], set[int]] = defaultdict(set)
    for line in lines:
        key = furniture_key(line.text)
        if key:
            pages_by_key[(line.zone, key)].add(line.page)
    needed = max(2, math.ceil(page_count / 2))
    return {key for key, pages in pages_by_key.items() if len(pages) >= needed}


def is_furniture(line: EdgeLine, keys: set[tuple[BlockKind, str]]) -> bool:
    return (line.zone, furniture_key(line.text)) in keys


def unique_drafts(drafts: Iterable[DraftBlock]) -> list[DraftBlock]:
    """Drafts without repeats of the same kind and text (a header shared by several sections)."""
    seen: set[tuple[BlockKind, str]] = set()
    unique = []
    for draft in drafts:
        key = (draft.kind, clean(draft.text))
        if key[1] and key not in seen:
            seen.add(key)
            unique.append(draft)
    return unique
