"""The district (stadsdelsförvaltning) and the provider (utförare) a document names."""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.model import Block, BlockKind
from nlp.rules import alternation, load

_PLACE_WORD = r"[A-ZÅÄÖ][a-zåäöé]+(?:(?:-| - |[ \t])[A-ZÅÄÖ][a-zåäöé]+){0,2}"


@lru_cache(maxsize=1)
def _district_spellings() -> dict[str, str]:
    """Every spelling (lower case, genitive included) → the district's name."""
    spellings: dict[str, str] = {}
    for name, variants in load("districts")["districts"].items():
        for spelling in [name, *(variants or [])]:
            key = spelling.casefold()
            spellings[key] = name
            spellings.setdefault(key + "s", name)
    return spellings


def _canonical_district(raw: str) -> str:
    raw = " ".join(raw.split()).strip(" :,.-")
    known = _district_spellings().get(raw.casefold())
    if known:
        return known
    return raw[:-1] if raw.endswith("s") and not raw.endswith("ss") else raw


@lru_cache(maxsize=1)
def _district_patterns() -> list[re.Pattern[str]]:
    cues = alternation(load("districts")["cues"])
    return [
        re.compile(rf"(?P<name>{_PLACE_WORD})[ \t]+(?i:{cues})(?!\w)"),
        re.compile(rf"(?<!\w)(?i:{cues})[ \t]*[:\-–]?[ \t]*\n?[ \t]*(?P<name>{_PLACE_WORD})"),
    ]


def _is_district_name(candidate: str) -> bool:
    words = {w.casefold() for w in load("districts")["cues"]}
    return candidate.casefold() not in words and candidate.casefold().rstrip("s") not in words


def find_district(text: str, furniture: str = "") -> str | None:
    """The district named beside a cue word, in the page furniture first, then the body."""
    for source in (furniture, text):
        for pattern in _district_patterns():
            for match in pattern.finditer(source):
                name = _canonical_district(match["name"])
                if _is_district_name(name) and (
                    name in _district_spellings().values()
                    or name.casefold() in _district_spellings()
                    or len(name) > 2
                ):
                    return name
    spellings = _district_spellings()
    listed = alternation(list(spellings))
    after_weak_cue = re.compile(
        rf"(?i)(?<!\w)(?:{alternation(load('districts')['listed_only_cues'])})[ \t]+(?P<name>{listed})(?!\w)"
    )
    for source in (furniture, text):
        match = after_weak_cue.search(source)
        if match:
            return spellings[match["name"].casefold()]
    bare = re.compile(rf"(?i)(?<!\w)(?:{listed})(?!\w)")
    title_line = text.split("\n", 1)[0]
    for source in (furniture, title_line):
        match = bare.search(source)
        if match:
            return spellings[match.group(0).casefold()]
    return None


@lru_cache(maxsize=1)
def _provider_spellings() -> dict[str, str]:
    spellings: dict[str, str] = {}
    for name, variants in load("providers")["known"].items():
        for spelling in [name, *(variants or [])]:
            spellings[spelling.casefold()] = name
    return spellings


_VALUE_END = re.compile(r"\s*(?:,|\(|\s[–-]\s|\btel\b|\bkontaktperson\b).*$", re.IGNORECASE)


_LOWER_WORDS = {"och", "i", "på", "för", "av", "med", "till", "vid", "hos"}


def _natural_case(value: str) -> str:
    """A letterhead in capitals as a name is written: "KAFÉ KOMPASSEN" gives "Kafé Kompassen"."""
    if not value.isupper() or len(value.replace(" ", "")) <= 5:
        return value
    words = value.lower().split()
    return " ".join(w if i and w in _LOWER_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _canonical_provider(raw: str) -> str | None:
    value = _natural_case(_VALUE_END.sub("", " ".join(raw.split())).strip(" :,.-–"))
    not_providers = tuple(w.casefold() for w in load("providers")["not_providers"])
    if not value or value.casefold().endswith(not_providers):
        return None
    cues = alternation(load("districts")["cues"])
    if re.search(rf"(?i)(?<!\w)(?:{cues})(?!\w)", value):
        return None
    known = _provider_spellings()
    if value.casefold() in known:
        return known[value.casefold()]
    for spelling, name in sorted(known.items(), key=lambda item: -len(item[0])):
        if re.search(rf"(?i)(?<!\w){re.escape(spelling)}(?!\w)", value):
            return name
    return value


def _labelled_provider(blocks: list[Block], text: str) -> str | None:
    labels = alternation(load("providers")["labels"])
    inline = re.compile(rf"(?im)^[ \t]*(?:{labels})[ \t]*:[ \t]*(?P<value>[^\n]{{2,160}})$")
    match = inline.search(text)
    if match:
        return _provider_in_value(match["value"])
    label_only = re.compile(rf"(?i)^(?:{labels})[ \t]*:?$")
    for index, block in enumerate(blocks[:-1]):
        if block.kind == BlockKind.TABLE_CELL and label_only.match(block.text):
            value = blocks[index + 1]
            if (
                value.kind == BlockKind.TABLE_CELL
                and value.cell
                and block.cell
                and value.cell.row == block.cell.row
            ):
                return _provider_in_value(value.text)
    return None


def _provider_in_value(value: str) -> str | None:
    """The organisation a label's value names ("Ali Hussein, Tensta Hjulverket"), else its first part."""
    return _organisation_name(value) or _canonical_provider(value)


@lru_cache(maxsize=1)
def _organisation_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Runs of capitalised words, and the words that make such a run an organisation's name."""
    words = load("providers")["name_words"]
    first = alternation(words["first"])
    endings = alternation(words["endings"])
    word = r"[A-ZÅÄÖ][\w&'’-]*"
    name = rf"{word}(?:(?:[ \t]+(?i:och|&|i|på)[ \t]+|[ \t]+){word}){{0,3}}"
    org_word = rf"(?i:(?:{first})|[\wåäö]{{3,}}(?:{endings}))"
    return re.compile(rf"(?<![\w-])(?P<name>{name})(?![\w-])"), re.compile(
        rf"(?<![\w-])(?:{org_word})(?![\w-])"
    )


def _organisation_name(text: str) -> str | None:
    """The first name that reads as an organisation's: capitalised words of which one is a kind of
    place or ends as one ("Träffpunkt Gläntan", "Blomsterboden Åkeshov", "TENSTA HJULVERKET")."""
    names, org_word = _organisation_patterns()
    leading = {w.casefold() for w in load("providers")["name_words"]["not_first"]}
    for match in names.finditer(text):
        words = match["name"].split()
        while words and words[0].casefold() in leading:
            words.pop(0)
        name = " ".join(words)
        if not org_word.search(name) or (len(words) == 1 and org_word.fullmatch(name) and _is_kind(name)):
            continue
        provider = _canonical_provider(name)
        if provider:
            return provider
    return None


def _is_kind(word: str) -> bool:
    """A bare kind of place ("Träffpunkt", "Verkstaden") is not a name on its own."""
    return word.casefold() in {w.casefold() for w in load("providers")["name_words"]["first"]}


def find_provider(
    blocks: list[Block], text: str, furniture: str = "", letterhead: bool = False
) -> str | None:
    """The provider after a label ("Utförare: Misa"), else a known provider named in the document,
    else the first organisation's name in the page furniture or the title lines. A provider's own
    document (letterhead=True) then names itself in its letterhead or as "Vi på Gläntan"; else the
    first organisation's name in the text."""
    labelled = _labelled_provider(blocks, text)
    if labelled:
        return labelled
    spellings = _provider_spellings()
    known = re.compile(rf"(?i)(?<!\w)(?:{alternation(list(spellings))})(?!\w)")
    match = known.search(f"{furniture}\n{text}")
    if match:
        return spellings[match.group(0).casefold()]
    title_lines = "\n".join(text.lstrip().split("\n")[:3])
    named = _organisation_name(furniture) or _organisation_name(title_lines)
    if named:
        return named
    if letterhead:
        own = (
            _furniture_provider(furniture)
            or _letterhead_provider(text)
            or _own_place(text)
            or _signature_provider(text)
        )
        if own:
            return own
    return _organisation_name(text)


@lru_cache(maxsize=1)
def _own_place_pattern() -> re.Pattern[str]:
    cues = alternation(load("providers")["own_place_cues"])
    name = r"[A-ZÅÄÖ][\w&'’-]*(?:[ \t]+[A-ZÅÄÖ][\w&'’-]*){0,2}"
    return re.compile(rf"(?i:(?<!\w)(?:{cues}))[ \t]+(?P<name>{name})")


def _own_place(text: str) -> str | None:
    """How a provider names itself in its own plan: "Vi på Gläntan", "hos oss på Kompassen"."""
    match = _own_place_pattern().search(text)
    return _canonical_provider(match["name"]) if match else None


def _signature_provider(text: str) -> str | None:
    """A signature among the last lines that names the signer's role beside the provider
    ("Gröna Fingrar, kontaktperson, Lotta Berg"): of the name-like parts, the one whose first word
    the plan does not use elsewhere, since a signer is named in the plan's who and how."""
    roles = re.compile(rf"(?i)(?<!\w)(?:{alternation(load('providers')['signature_roles'])})(?!\w)")
    lines = [line for line in text.split("\n") if line.strip()]
    for number in range(len(lines) - 1, max(len(lines) - 5, -1), -1):
        parts = [part.strip() for part in re.split(r"[,–|]", lines[number])]
        if len(parts) < 2 or not any(roles.match(part) for part in parts):
            continue
        elsewhere = "\n".join(lines[:number] + lines[number + 1 :])
        names = [
            part
            for part in parts
            if not roles.search(part) and 1 <= len(part.split()) <= 4 and _is_name_like(part)
        ]
        unused = [
            name for name in names if not re.search(rf"(?<!\w){re.escape(name.split()[0])}(?!\w)", elsewhere)
        ]
        if len(names) == 2 and len(unused) == 1:
            return _canonical_provider(unused[0])
    return None


_PAGE_NUMBER = re.compile(r"(?i)\b(?:sida\s+)?\d+\s*(?:(?:av|/)\s*\d+|\(\d+\))?\s*$")


def _letterhead_provider(text: str) -> str | None:
    """A plan's letterhead: its first line, or a title among the next two, with the document-type
    words and any address taken away ("Kafé Kompassen – Genomförandeplan" gives "Kafé Kompassen",
    "Genomförandeplan – Gläntan" on the second line gives "Gläntan")."""
    titles = re.compile(rf"(?i)(?<!\w)(?:{alternation(load('providers')['letterhead_titles'])})(?!\w)")
    lines = [line for line in text.split("\n") if line.strip()][:3]
    for number, line in enumerate(lines):
        has_title = bool(titles.search(line))
        if number and not has_title:
            continue
        for part in re.split(r"[|,·•]|\s[–-]\s", _PAGE_NUMBER.sub(" ", line)):
            name = _letterhead_name(titles.sub(" ", part)) if ":" not in part else None
            if name:
                return name
    return None


def _furniture_provider(furniture: str) -> str | None:
    """A name in a page header or footer, each line read as a letterhead ("Gläntan · Sida 1 av 2")."""
    names = (_without_kind(_letterhead_provider(line)) for line in furniture.split("\n"))
    return next((name for name in names if name and _is_name_like(name)), None)


def _without_kind(name: str | None) -> str | None:
    """ "Vinga dagverksamhet" names Vinga: a kind of place written after the name in lower case goes."""
    words = (name or "").split()
    while len(words) > 1 and words[-1].islower() and _is_kind(words[-1]):
        words.pop()
    return " ".join(words) or None


def _is_name_like(value: str) -> bool:
    """Every word capitalised but the small ones: "Tur och Retur", not "Sekretessbelagd handling"."""
    return all(word[:1].isupper() or word in _LOWER_WORDS for word in value.split())


def _letterhead_name(remainder: str) -> str | None:
    remainder = " ".join(remainder.replace("–", " ").split()).strip(" :,.-")
    at_provider = re.search(r"(?:^|\s)(?:hos|på|vid)\s+(?P<name>[A-ZÅÄÖ].*)$", remainder)
    if at_provider:
        remainder = at_provider["name"]
    words = remainder.split()
    leading = {w.casefold() for w in load("providers")["name_words"]["not_first"]}
    if not 1 <= len(words) <= 5 or not remainder[:1].isupper() or re.search(r"\d", remainder):
        return None
    if len(words) == 1 and remainder.casefold() in leading:
        return None
    return _canonical_provider(remainder)
