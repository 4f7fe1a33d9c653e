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
    items: list[Item] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
