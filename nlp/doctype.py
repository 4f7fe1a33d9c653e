"""The document type (dur, order, plan, journal, other), told from the content alone."""

from __future__ import annotations

import re
from functools import lru_cache

from nlp.dates import entry_dates
from nlp.rules import alternation, load

DOC_TYPES = ("dur", "order", "plan", "journal", "other")
# OCR of capitals and some exports drop the marks of å, ä, ö (GENOMFORANDEPLAN, Bestallning): cues and text
# are compared without them. The mapping keeps every offset.
_WITHOUT_MARKS = str.maketrans("åäöéüÅÄÖÉÜ", "aaoeuAAOEU")


@lru_cache(maxsize=1)
def _cues() -> list[tuple[str, re.Pattern[str], int, str]]:
    """Each cue's type, pattern, weight, and its first word, which any match contains (lower case)."""
    types = load("doc_types")["types"]
    return [
        (
            doc_type,
            re.compile(rf"(?i)(?<!\w)(?:{alternation([_unmarked(cue['phrase'])])})(?!\w)"),
            int(cue["weight"]),
            _unmarked(cue["phrase"]).split()[0].lower(),
        )
        for doc_type, cues in types.items()
        for cue in cues
    ]


def _unmarked(text: object) -> str:
    return str(text).translate(_WITHOUT_MARKS)


def _title_zone_end(text: str, max_chars: int, max_lines: int) -> int:
    """Where the title zone ends: after the first few non-empty lines, and at most max_chars in."""
    end = 0
    for _ in range(max_lines):
        while end < len(text) and text[end] == "\n":
            end += 1
        newline = text.find("\n", end)
        end = len(text) if newline < 0 else newline
    return min(end, max_chars)


def scores(text: str, furniture: str = "") -> dict[str, int]:
    """Each type's score: a cue's weight once if it occurs in the body, and once more multiplied by the
    title weight if it occurs in the title zone (the document's opening lines, or its page headers and
    footers), more still in the first line."""
    config = load("doc_types")
    text, furniture = _unmarked(text), _unmarked(furniture)
    title_zone = _title_zone_end(text, int(config["title_zone_chars"]), int(config["title_zone_lines"]))
    title = f"{furniture}\n{text[:title_zone]}"
    first_line = text.lstrip().split("\n", 1)[0]
    title_weight, first_line_weight = int(config["title_weight"]), int(config["first_line_weight"])
    totals = dict.fromkeys(DOC_TYPES, 0)
    lowered = f"{text}\n{furniture}".lower()
    for doc_type, pattern, weight, first_word in _cues():
        if first_word not in lowered:
            continue  # a quick test: most cues do not occur at all
        if pattern.search(text, title_zone):
            totals[doc_type] += weight
        if pattern.search(title):
            totals[doc_type] += weight * title_weight
        if pattern.search(first_line):
            totals[doc_type] += weight * title_weight * (first_line_weight - 1)
    entries = config["dated_entries"]
    if len(entry_dates(text)) >= int(entries["at_least"]):
        totals[entries["type"]] += int(entries["weight"])
    return totals


def classify(text: str, furniture: str = "") -> str:
    totals = scores(text, furniture)
    best = max(DOC_TYPES, key=lambda doc_type: totals[doc_type])
    return best if totals[best] > 0 else "other"


@lru_cache(maxsize=1)
def _orientation_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [
        (name, re.compile(rf"(?i)(?<!\w)(?:{alternation(phrases)})(?!\w)"))
        for name, phrases in load("orientation")["orientations"].items()
    ]


def orientation(text: str) -> str | None:
    """arbetsinriktad or traditionell: the orientation the text names first (patterns/orientation.yaml)."""
    found = [(m.start(), name) for name, pattern in _orientation_patterns() if (m := pattern.search(text))]
    return min(found)[1] if found else None
