"""Section names: which part of a document a heading, a table column or a "Label:" line opens."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nlp.rules import alternation, load

ITEM_CATEGORIES = frozenset(
    {"purpose", "goal", "subgoal", "activity", "purpose_and_goal", "goal_and_subgoals"}
)
_NUMBERING = r"(?:\d+(?:\.\d+)*[.)]?\s+|[a-z][.)]\s+|[IVX]+[.)]\s+)?"
_MAX_HEADING_WORDS = 10
# Whose section it is, before its name: "Annas mål:", "Hennes delmål", "Den enskildes syfte".
_OWNER = r"(?:(?:hans|hennes|dennes|deras|den\s+enskildes|[A-ZÅÄÖ][\w-]*s|[A-ZÅÄÖ][\w-]*:s)\s+)?"
# A number or letter after the name: "Delmål 2", "Mål 1.1", "Delmål a)"; ")" or "." after it parts
# the label from its content as a colon does. An aside in brackets may follow: "Steg 1 (mars–maj):".
_LABEL_NUMBER = r"(?:\s*(?:\d+(?:\.\d+)*|[a-zA-Z](?=[.):]))(?P<closer>[.)])?)?(?:\s*\([^)\n]{1,40}\))?"


@dataclass(frozen=True, slots=True)
class SectionLabel:
    category: str
    label_end: int  # offset in the line where the label (with its colon) ends
    rest: str  # text after "Label:" on the same line, stripped ("" for a bare heading)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    compiled = []
    for category, phrases in load("sections")["categories"].items():
        names = alternation(phrases)
        compiled.append(
            (category, re.compile(rf"(?i)^\s*{_NUMBERING}{_OWNER}(?:{names}){_LABEL_NUMBER}(?![\wåäö])"))
        )
    return compiled


@lru_cache(maxsize=1)
def _anywhere() -> list[tuple[str, re.Pattern[str]]]:
    return [
        (category, re.compile(rf"(?i)(?<![\wåäö])(?:{alternation(phrases)})(?![\wåäö])"))
        for category, phrases in load("sections")["categories"].items()
    ]


def heading_of(line: str, is_heading: bool) -> str | None:
    """The section a short heading names anywhere in it ("Johans mål", "Jenny behöver stöd med:").
    Only headings and short lines ending in a colon count."""
    words = line.split()
    if not words or len(words) > _MAX_HEADING_WORDS or not (is_heading or line.rstrip().endswith(":")):
        return None
    found = [(m.end(), category) for category, pattern in _anywhere() for m in pattern.finditer(line)]
    return max(found)[1] if found else None


def label_of(line: str) -> SectionLabel | None:
    """The section a line opens: a bare heading ("Delmål", "2. Syfte med insatsen:") or a label
    with its content on the same line ("Delmål 1: Anna ska ...")."""
    for category, pattern in _patterns():
        match = pattern.match(line)
        if not match:
            continue
        after = line[match.end() :]
        colon = re.match(r"\s*[:–-]\s*" if not match["closer"] else r"\s*", after)
        if colon:
            return SectionLabel(category, match.end() + colon.end(), after[colon.end() :].strip())
        words = line.split()
        # a sentence, even one signed after its stop ("Frågor om våld har ställts. /KE"), is no heading
        if len(words) <= _MAX_HEADING_WORDS and not re.search(r"[.!?](?:\s|$)", after):
            return SectionLabel(category, len(line), "")
        return None
    return None
