"""Swedish dates in the usual spellings, and the document's own date."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from nlp.rules import alternation, load


@dataclass(frozen=True, slots=True)
class DateMention:
    value: date
    start: int
    end: int


def _month_names() -> str:
    return alternation(list(load("dates")["months"]))


def _patterns() -> list[tuple[re.Pattern[str], str]]:
    months = _month_names()
    return [
        (re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d])"), "ymd"),
        (re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})\.(?P<m>\d{2})\.(?P<d>\d{2})(?![\d])"), "ymd"),
        (re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?![\d-])"), "ymd"),
        (
            re.compile(
                rf"(?i)(?<![\w])(?:den\s+)?(?P<d>\d{{1,2}})(?::[ae])?\s+(?P<mon>{months})\.?"
                r"\s*(?:(?P<y>(?:19|20)\d{2})|-(?P<yy>\d{2})|'(?P<yy2>\d{2}))(?![\d])"
            ),
            "d_month_y",
        ),
        (
            re.compile(
                r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:\s+|\s*-\s*)(?P<y>(?:19|20)\d{2}|\d{2})(?![\d])"
            ),
            "dmy",
        ),
        (
            re.compile(r"(?<![\d\w-])(?P<yy>\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?![\d\w]|\s?[-+]\s?\d{4})"),
            "yymmdd",
        ),
    ]


def _year(group: str) -> int:
    value = int(group)
    return value if value > 100 else 2000 + value if value < 70 else 1900 + value


def _to_date(match: re.Match[str], kind: str) -> date | None:
    months = load("dates")["months"]
    try:
        if kind == "ymd":
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
        if kind == "d_month_y":
            year = match["y"] or match["yy"] or match["yy2"]
            return date(_year(year), months[match["mon"].lower()], int(match["d"]))
        if kind == "dmy":
            return date(_year(match["y"]), int(match["m"]), int(match["d"]))
        if kind == "yymmdd":
            return date(_year(match["yy"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    return None


def find_dates(text: str) -> list[DateMention]:
    """Every date in the text, without overlaps, in order."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _patterns():
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            value = _to_date(match, kind)
            if value and 1950 <= value.year <= 2100:
                found.append(DateMention(value, match.start(), match.end()))
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda mention: mention.start)


def _label_before(text: str, mention: DateMention, labels: str) -> int | None:
    """Rank of the label right before the date (same line or the cell before), else None."""
    window = text[max(0, mention.start - 60) : mention.start]
    match = re.search(rf"(?i)(?:^|\n|[.;|]\s+|\t|\()(?P<label>{labels})\s*[:.]?\s*(?:den\s*)?,?\s*$", window)
    return match.start("label") if match else None


_RANGE_DASH = re.compile(r"\s*(?:[–—-]|till(?:\s+och\s+med)?|t\.\s?o\.\s?m\.?)\s*(?:den\s+)?")


def _outside_ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """The dates that do not bound a period ("2019-10-01 – 2020-09-30")."""
    in_range: set[int] = set()
    for index, (mention, following) in enumerate(itertools.pairwise(mentions)):
        if _RANGE_DASH.fullmatch(text[mention.end : following.start]):
            in_range.update((index, index + 1))
    return [mention for index, mention in enumerate(mentions) if index not in in_range]


@lru_cache(maxsize=1)
def _period_word() -> re.Pattern[str]:
    words = alternation(load("dates")["not_own_date_words"])
    return re.compile(rf"(?i)(?<![\w])(?:{words})\s*(?:den\s+)?$")


def _after_period_word(text: str, mention: DateMention) -> bool:
    """ "... till och med den 15 september 2020", "sedan mars 2018": not a document's own date."""
    return bool(_period_word().search(text[max(0, mention.start - 30) : mention.start]))


def _own_labels(doc_type: str | None) -> list[str]:
    by_type = load("dates").get("own_date_labels_by_type") or {}
    return [*(by_type.get(doc_type) or []), *load("dates")["own_date_labels"]]


def entry_dates(text: str) -> list[date]:
    """The dates that open a line, perhaps after a weekday or a short label ("Datum:"): journal entries."""
    return [m.value for m in find_dates(text) if _entry_opening().fullmatch(_line_before(text, m.start))]


def newest_entry_date(text: str) -> date | None:
    """A journal's latest entry."""
    entries = entry_dates(text)
    return max(entries) if entries else None


def _line_before(text: str, offset: int) -> str:
    return text[text.rfind("\n", 0, offset) + 1 : offset]


@lru_cache(maxsize=1)
def _entry_opening() -> re.Pattern[str]:
    weekdays = alternation(load("dates")["weekdays"])
    return re.compile(rf"(?i)[ \t]*(?:(?:{weekdays})\.?,?[ \t]*|[\w-]+(?:[ \t]+[\w-]+)?[ \t]*:[ \t]*)?")


def document_date(text: str, doc_type: str | None = None, title_zone_chars: int = 1500) -> date | None:
    """The document's own date. A journal's is its newest entry; any other document's is the date
    after the strongest 'own date' label, else the first date in the opening of the document that no
    other label (birth, period, follow-up) claims, else the last such date (where it is signed)."""
    if doc_type in load("dates")["dated_by_newest_entry"]:
        newest = newest_entry_date(text)
        if newest:
            return newest
    mentions = _outside_ranges(text, find_dates(text))
    own_labels = _own_labels(doc_type)
    own = {label.casefold() for label in own_labels}
    others = [label for label in load("dates")["other_date_labels"] if label.casefold() not in own]
    other = alternation(others)
    for label in own_labels:
        pattern = alternation([label])
        for mention in mentions:
            if (
                _label_before(text, mention, pattern) is not None
                and _label_before(text, mention, other) is None
            ):
                return mention.value
    unclaimed = [
        m for m in mentions if _label_before(text, m, other) is None and not _after_period_word(text, m)
    ]
    opening = [m for m in unclaimed if m.start < title_zone_chars]
    if opening:
        return opening[0].value
    return unclaimed[-1].value if unclaimed else _period_start(text)  # else where it is signed, at the end


def _period_start(text: str) -> date | None:
    """Where nothing else dates the document, the start of the period it orders or plans."""
    found = find_dates(text)
    for mention, following in itertools.pairwise(found):
        if _RANGE_DASH.fullmatch(text[mention.end : following.start]):
            return mention.value
    words = alternation(load("dates")["period_start_words"])
    start_word = re.compile(rf"(?i)(?<![\w])(?:{words})\s*(?:den\s+)?$")
    starts = [m for m in found if start_word.search(text[max(0, m.start - 30) : m.start])]
    return starts[0].value if starts else None


def file_name_date(name: str) -> date | None:
    """A date a file's name gives ("skannat_20191106.pdf", "plan 2019-11-04.pdf"), else the last day of a
    year it names ("2018_plan.pdf"): all that is known of a document that cannot be read."""
    stem = name.rsplit(".", 1)[0].replace("_", " ")
    found = find_dates(stem)
    if found:
        return found[0].value
    year = re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", stem)
    return date(int(year.group(0)), 12, 31) if year else None
