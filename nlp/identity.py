"""The person a document concerns: personnummer (validated), gender, birth year and full name."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from nlp.rules import alternation, load

_NUMBER = re.compile(
    r"(?<!\d)(?P<century>\d{2})?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})"
    r"[ \t]?(?P<sep>[-+])?[ \t]?(?P<serial>\d{3})(?P<check>\d)(?!\d)"
)
_NAME_WORD = r"[A-ZÅÄÖÉÜ][a-zåäöéüè]+(?:-[A-ZÅÄÖÉ][a-zåäöéü]+)?"
_NAME = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}}"
_INVERTED_NAME = (
    rf"(?P<last>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?),[ \t]*(?P<first>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)"
)


@dataclass(frozen=True, slots=True)
class Personnummer:
    """A validated Swedish personal identity number, held only in memory during analysis."""

    digits: str  # 12 digits, YYYYMMDDNNNC
    start: int
    end: int

    @property
    def gender(self) -> str:
        return "M" if int(self.digits[10]) % 2 else "K"

    @property
    def birth_year(self) -> int:
        return int(self.digits[:4])

    @property
    def is_coordination_number(self) -> bool:
        return int(self.digits[6:8]) > 60


@dataclass(frozen=True, slots=True)
class Subject:
    """Whom the document is about: the personnummer and/or the full name given for the person."""

    number: Personnummer | None
    full_name: str | None

    @property
    def name_parts(self) -> list[str]:
        return self.full_name.split() if self.full_name else []


def luhn_valid(ten_digits: str) -> bool:
    total = 0
    for index, char in enumerate(ten_digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return total % 10 == 0


def _century(yy: int, separator: str | None, reference_year: int) -> int:
    """Century of a 10-digit number: the person is under 100 unless written with '+'."""
    century = reference_year // 100 * 100
    year = century + yy
    if year > reference_year:
        year -= 100
    if separator == "+":
        year -= 100
    return year // 100 * 100


def find_numbers(text: str, reference_year: int | None = None) -> list[Personnummer]:
    """Every valid personnummer or samordningsnummer in the text, in any usual spelling."""
    reference_year = reference_year or date.today().year
    found = []
    for match in _NUMBER.finditer(text):
        yy, mm, dd = int(match["yy"]), int(match["mm"]), int(match["dd"])
        ten = f"{match['yy']}{match['mm']}{match['dd']}{match['serial']}{match['check']}"
        if not luhn_valid(ten):
            continue
        if match["century"]:
            century = int(match["century"]) * 100
            if century not in (1800, 1900, 2000):
                continue
        else:
            century = _century(yy, match["sep"], reference_year)
        day = dd - 60 if dd > 60 else dd
        try:
            date(century + yy, mm, day)
        except ValueError:
            continue
        found.append(Personnummer(f"{century // 100:02d}{ten}", match.start(), match.end()))
    return found


def normalise_name(name: str) -> str:
    """The comparable form of a full name: NFC, lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _clean_name(raw: str) -> str | None:
    stop = {w.casefold() for w in load("identity")["name_stop_words"]}
    words = []
    for word in raw.split():
        if word.casefold() in stop:
            break
        words.append(word)
    return " ".join(words) if len(words) >= 2 else None


def _labelled_names(text: str) -> list[tuple[int, str]]:
    labels = alternation(load("identity")["name_labels"])
    pattern = re.compile(
        rf"(?m)\b(?i:{labels})(?:[ \t]*[:\n][ \t]*|[ \t]+)(?:{_INVERTED_NAME}|(?P<plain>{_NAME}))"
    )
    names = []
    for match in pattern.finditer(text):
        raw = f"{match['first']} {match['last']}" if match["last"] else match["plain"]
        name = _clean_name(raw)
        if name:
            names.append((match.start(), name))
    return names


def _name_beside(text: str, number: Personnummer) -> str | None:
    """A name written directly before or after the number on the same line."""
    line_start = text.rfind("\n", 0, number.start) + 1
    before = text[line_start : number.start]
    inverted = re.search(rf"{_INVERTED_NAME}[ \t,(]*(?:(?i:{_number_labels()})[ \t:]*)?$", before)
    if inverted:
        return _clean_name(f"{inverted['first']} {inverted['last']}")
    plain = re.search(rf"(?P<name>{_NAME})[ \t,(]*(?:(?i:{_number_labels()})[ \t:]*)?$", before)
    if plain:
        return _clean_name(plain["name"])
    line_end = text.find("\n", number.end)
    after = text[number.end : line_end if line_end >= 0 else len(text)]
    following = re.match(rf"[ \t,)]*(?P<name>{_NAME})", after)
    return _clean_name(following["name"]) if following else None


def _number_labels() -> str:
    return alternation(load("identity")["number_labels"])


def _subject_number(text: str, numbers: list[Personnummer]) -> Personnummer | None:
    """The person's own number: the one after a number label, else the most frequent one."""
    if not numbers:
        return None
    label = re.compile(rf"(?i)(?:{_number_labels()})[ \t:.]*\n?[ \t]*$")
    for number in numbers:
        if label.search(text[max(0, number.start - 40) : number.start]):
            return number
    counts: dict[str, int] = {}
    for number in numbers:
        counts[number.digits] = counts.get(number.digits, 0) + 1
    best = max(counts, key=lambda digits: counts[digits])
    return next(n for n in numbers if n.digits == best)


def find_subject(text: str, reference_year: int | None = None) -> Subject:
    """The person the document concerns, from its number and the name given for them."""
    numbers = find_numbers(text, reference_year)
    number = _subject_number(text, numbers)
    name = _name_beside(text, number) if number else None
    if not name:
        labelled = _labelled_names(text)
        name = labelled[0][1] if labelled else _addressee(text)
    return Subject(number, name)


_ADDRESS_BLOCK = re.compile(
    rf"(?m)^[ \t]*(?P<name>{_NAME})[ \t]*\n[ \t]*[A-ZÅÄÖ][\w .-]+[ \t]\d+[ \t]?[A-Za-z]?\b[^\n]*\n"
    r"[ \t]*\d{3}[ \t]?\d{2}[ \t]+[A-ZÅÄÖ]"
)


def _addressee(text: str) -> str | None:
    """The name over a postal address in a letter ("Peter Sandberg / Värtavägen 41 / 115 29 Stockholm")."""
    match = _ADDRESS_BLOCK.search(text)
    return _clean_name(match["name"]) if match else None
