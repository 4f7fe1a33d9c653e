"""The analysed document: what the analysis step hands on. It holds no identity in clear."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Item:
    """A purpose, goal, sub-goal or activity written in the document (text masked)."""

    kind: str
    text: str
    page: int
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """A topic the document speaks of (violence, SIP, ...), its status and the masked evidence sentence."""

    topic: str
    status: str
    evidence: str
    page: int
    char_start: int
    char_end: int


@dataclass(slots=True)
class AnalysedDocument:
    doc_type: str
    doc_date: date | None
    case_key: str | None
    name_key: str | None
    name_token_keys: frozenset[str]
    gender: str | None
    birth_year: int | None
    district: str | None
    provider: str | None
    orientation: str | None = None  # arbetsinriktad | traditionell, where an order, DUR or decision says
    items: list[Item] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


VERDICTS = ("match", "partial", "replaced", "no_plan", "unreadable_plan")


@dataclass(frozen=True, slots=True)
class ComparedItem:
    """An item of an order or a plan: which one (its document and number), its kind and text."""

    doc_id: str
    item_no: int
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Alignment:
    """An order item with its most similar plan item (None when the plan has no items)."""

    order_item: ComparedItem
    plan_item: ComparedItem | None
    similarity: float
    matched: bool


@dataclass(frozen=True, slots=True)
class Comparison:
    verdict: str
    alignments: list[Alignment]
    added: list[ComparedItem]  # plan items with no counterpart in the order

    @property
    def order_items(self) -> int:
        return len(self.alignments)

    @property
    def matched(self) -> int:
        return sum(a.matched for a in self.alignments)

    @property
    def changed(self) -> int:
        return self.order_items - self.matched


@dataclass(frozen=True, slots=True)
class CaseItems:
    """What a case's comparison needs: its current order's items and its current plan's, or whether a
    scan that could not be read may be that plan."""

    case_key: str
    order_doc_id: str
    order_items: list[ComparedItem]
    plan_doc_id: str | None
    plan_items: list[ComparedItem]
    unreadable_plan: bool
