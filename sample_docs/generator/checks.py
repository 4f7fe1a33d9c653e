"""The rules a case source must follow (SCHEMA.md): each violation is reported as one line of text."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from nlp.identity import luhn_valid
from sample_docs.generator.source import (
    BLOCK_KINDS,
    FONTS,
    PAGE_NUMBER_STYLES,
    block,
    document_text,
    twin,
)

FORMATS = {"pdf": ".pdf", "docx": ".docx", "scan": ".pdf"}
DOC_TYPES = ("dur", "order", "plan", "journal", "other")
LINKS = ("personnummer", "name", "none")
ITEM_KINDS = ("purpose", "goal", "subgoal", "activity")
ALIGNED_KINDS = ("goal", "subgoal", "activity")  # the order's items that alignment pairs must cover
ORIENTATIONS = ("arbetsinriktad", "traditionell")
VERDICTS = ("match", "partial", "replaced", "no_plan", "unreadable_plan")
COOPERATION = ("cooperation", "no_cooperation")
TOPICS: dict[str, tuple[str, ...]] = {
    "violence": ("asked", "disclosed", "declined", "not_asked"),
    "sip": ("exists", "in_progress", "declined", "none"),
    "psychiatry": COOPERATION,
    "fk": COOPERATION,
    "af": COOPERATION,
    "personal_ombud": COOPERATION,
    "followup": ("documented", "booked"),
    "children": ("yes", "no"),
    "child_impact_analysis": ("done", "not_done"),
}
EXPECTED: dict[str, tuple[Any, ...]] = {
    "has_current_dur": (True, False),
    "dur_states_purpose": (True, False),
    "dur_states_goal": (True, False),
    "plan_verdict": VERDICTS,
    "violence_asked": (True, False),
    "violence_status": TOPICS["violence"],
    "sip_status": TOPICS["sip"],
    "psychiatry_cooperation": (True, False),
    "fk_cooperation": (True, False),
    "af_cooperation": (True, False),
    "personal_ombud": (True, False),
    "followup_documented": (True, False),
    "has_children": (True, False),
    "child_impact_analysis": (True, False),
}
SPLITS = {"d": "dev", "h": "heldout"}
PERSONNUMMER = re.compile(r"(\d{8})-(\d{4})")


def check_case(name: str, case: dict[str, Any]) -> list[str]:
    """Every violation in one case source, each prefixed with the file it concerns when there is one."""
    problems = _check_header(name, case)
    problems += _check_person(case.get("person"))
    documents = case.get("documents")
    if not isinstance(documents, list) or not documents:
        return [*problems, "no documents"]
    for document in documents:
        if not isinstance(document, dict):
            problems.append(f"a document is not a mapping: {document!r}")
            continue
        where = str(document.get("file", "<no file>"))
        problems += [f"{where}: {p}" for p in _check_document(document)]
    problems += _check_alignment(case, [d for d in documents if isinstance(d, dict)])
    return problems


def check_files(sources: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """File paths used twice (also when they differ only in case), twins' too, per case name."""
    owners: dict[str, list[str]] = {}
    for name, case in sources.items():
        for document in case.get("documents") or []:
            if isinstance(document, dict) and isinstance(document.get("file"), str):
                owners.setdefault(document["file"].casefold(), []).append(name)
                other_form = twin(document)
                if other_form is not None:
                    owners.setdefault(f"twins/{other_form['file']}".casefold(), []).append(name)
    problems: dict[str, list[str]] = {}
    for path, names in sorted(owners.items()):
        if len(names) > 1:
            for name in sorted(set(names)):
                problem = f"{path}: file path used more than once ({', '.join(names)})"
                problems.setdefault(name, []).append(problem)
    return problems


def check_shared_names(sources: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """Documents annotated as linked by name although another case's person has the same name:
    the pipeline must leave them unlinked ("two people share the name")."""
    cases_of: dict[str, list[str]] = {}
    for name, case in sources.items():
        person = case.get("person") if isinstance(case.get("person"), dict) else {}
        full_name = f"{person.get('first_name', '')} {person.get('last_name', '')}"
        cases_of.setdefault(" ".join(full_name.casefold().split()), []).append(name)
    problems: dict[str, list[str]] = {}
    for names in cases_of.values():
        if len(names) < 2:
            continue
        for name in names:
            for document in sources[name].get("documents") or []:
                if isinstance(document, dict) and document.get("linked_by") == "name":
                    problems.setdefault(name, []).append(
                        f"{document.get('file')}: linked_by name, but cases {', '.join(sorted(names))} share "
                        "the name (annotate linked_by none, unlinked_reason 'two people share the name')"
                    )
    return problems


def _check_header(name: str, case: dict[str, Any]) -> list[str]:
    problems = []
    if case.get("case_id") != name:
        problems.append(f"case_id {case.get('case_id')!r} differs from the file name {name!r}")
    split = SPLITS.get(name[:1])
    if case.get("split") not in SPLITS.values() or (split and case.get("split") != split):
        problems.append(f"split {case.get('split')!r} does not fit the file name {name!r}")
    if not isinstance(case.get("district"), str):
        problems.append("no district")
    if case.get("orientation") not in (*ORIENTATIONS, None):
        problems.append(f"orientation {case.get('orientation')!r} is none of {ORIENTATIONS}")
    if not isinstance(case.get("provider"), str | None):
        problems.append(f"provider {case.get('provider')!r} is not text")
    expected = case.get("expected")
    if not isinstance(expected, dict):
        return [*problems, "no expected values"]
    for key, allowed in EXPECTED.items():
        if key not in expected:
            problems.append(f"expected.{key} is missing")
        elif expected[key] not in allowed or type(expected[key]) is not type(allowed[0]):
            problems.append(f"expected.{key} is {expected[key]!r}, not one of {allowed}")
    problems += [f"expected.{key} is not a known field" for key in expected if key not in EXPECTED]
    status = expected.get("violence_status")
    if status in TOPICS["violence"] and expected.get("violence_asked") is not (status != "not_asked"):
        problems.append(f"expected.violence_asked disagrees with violence_status {status!r}")
    return problems


def _check_person(person: object) -> list[str]:
    if not isinstance(person, dict):
        return ["no person"]
    problems = [f"person.{key} is missing" for key in ("first_name", "last_name") if not person.get(key)]
    number = str(person.get("personnummer", ""))
    match = PERSONNUMMER.fullmatch(number)
    if not match:
        return [*problems, f"personnummer {number!r} is not written YYYYMMDD-NNNC"]
    digits = match[1] + match[2]
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return [*problems, f"personnummer {number}: no such birth date"]
    if not luhn_valid(digits[2:]):
        problems.append(f"personnummer {number} fails the Luhn check")
    if not 980 <= int(digits[8:11]) <= 999:
        problems.append(f"personnummer {number}: birth number {digits[8:11]} is not a test number (980-999)")
    if ("M" if int(digits[10]) % 2 else "K") != person.get("gender"):
        problems.append(f"personnummer {number} disagrees with gender {person.get('gender')!r}")
    if born.year != person.get("birth_year"):
        problems.append(f"personnummer {number} disagrees with birth_year {person.get('birth_year')!r}")
    return problems


def _check_document(document: dict[str, Any]) -> list[str]:
    problems = []
    file, kind = document.get("file"), document.get("format")
    if not isinstance(file, str) or not file:
        problems.append("no file path")
    else:
        parts = PurePosixPath(file).parts
        if file.startswith("/") or ".." in parts or "\\" in file:
            problems.append("file path must be relative, with / and without ..")
        if kind in FORMATS and not file.lower().endswith(FORMATS[kind]):
            problems.append(f"a {kind} document must be named *{FORMATS[kind]}")
    if kind not in FORMATS:
        problems.append(f"format {kind!r} is none of {tuple(FORMATS)}")
    if document.get("scanned_copy", False) not in (True, False) or (
        document.get("scanned_copy") and kind == "scan"
    ):
        problems.append("scanned_copy is true or false, and only for pdf and docx documents")
    if document.get("doc_type") not in DOC_TYPES:
        problems.append(f"doc_type {document.get('doc_type')!r} is none of {DOC_TYPES}")
    if not isinstance(document.get("doc_date"), date):
        problems.append(f"doc_date {document.get('doc_date')!r} is not a date (YYYY-MM-DD)")
    linked_by = document.get("linked_by")
    if linked_by not in LINKS:
        problems.append(f"linked_by {linked_by!r} is none of {LINKS}")
    elif (linked_by == "none") != bool(document.get("unlinked_reason")):
        problems.append("unlinked_reason is given exactly when linked_by is none")
    problems += _check_presentation(document)
    blocks = document.get("blocks")
    if not isinstance(blocks, list) or not blocks:
        return [*problems, "no blocks"]
    for index, entry in enumerate(blocks, 1):
        problems += [f"block {index}: {p}" for p in _check_block(entry)]
    if problems:
        return problems
    content = document_text(document)
    if not any(_spelled_in(document["doc_date"], text) for text in (content, _furniture(document))):
        problems.append(f"doc_date {document['doc_date']} is not written in the document in any spelling")
    for item in document.get("items") or []:
        if not isinstance(item, dict) or item.get("kind") not in ITEM_KINDS:
            problems.append(f"item {item!r}: kind must be one of {ITEM_KINDS}")
        elif not _occurs(item.get("text"), content):
            problems.append(f"item not in the text: {item.get('text')!r}")
    for mention in document.get("mentions") or []:
        topic = mention.get("topic") if isinstance(mention, dict) else None
        if topic not in TOPICS:
            problems.append(f"mention {mention!r}: topic must be one of {tuple(TOPICS)}")
            continue
        if mention.get("status") not in TOPICS[topic]:
            problems.append(f"{topic} mention: status {mention.get('status')!r} is none of {TOPICS[topic]}")
        if not _occurs(mention.get("evidence"), content):
            problems.append(f"evidence not in the text: {mention.get('evidence')!r}")
    return problems


def _check_presentation(document: dict[str, Any]) -> list[str]:
    problems = []
    if document.get("font", "sans") not in FONTS:
        problems.append(f"font {document.get('font')!r} is none of {FONTS}")
    size = document.get("font_size", 10)
    if isinstance(size, bool) or not isinstance(size, int | float) or not 8 <= size <= 13:
        problems.append(f"font_size {size!r} is not a number from 8 to 13")
    if document.get("page_numbers", "sida") not in PAGE_NUMBER_STYLES:
        styles = tuple(PAGE_NUMBER_STYLES)
        problems.append(f"page_numbers {document.get('page_numbers')!r} is none of {styles}")
    for key in ("page_header", "page_footer"):
        if document.get(key) is not None and not isinstance(document[key], str):
            problems.append(f"{key} is not text")
    return problems


def _check_block(entry: object) -> list[str]:
    if not isinstance(entry, dict) or len(entry) != 1:
        return [f"{entry!r} is not a one-key mapping"]
    kind, value = block(entry)
    if kind not in BLOCK_KINDS:
        return [f"unknown block kind {kind!r}"]
    if kind == "page_break":
        return [] if value is True else ["page_break takes the value true"]
    if kind in ("heading", "paragraph"):
        return [] if _scalar(value) else [f"{kind} is not text: {value!r}"]
    if not isinstance(value, list) or not value:
        return [f"{kind} is not a non-empty list"]
    if kind in ("list", "numbered"):
        return [f"{kind} item is not text: {v!r}" for v in value if not _scalar(v)]
    problems = []
    widths = {len(row) if isinstance(row, list) else -1 for row in value}
    if -1 in widths or any(not _scalar(cell) for row in value if isinstance(row, list) for cell in row):
        problems.append(f"every {kind} row must be a list of texts")
    elif kind == "fields" and widths != {2}:
        problems.append("every fields row has two cells: label and value")
    elif kind == "table" and len(widths) != 1:
        problems.append("every table row has as many cells as the header row")
    return problems


def _check_alignment(case: dict[str, Any], documents: list[dict[str, Any]]) -> list[str]:
    """Alignment pairs against the current order and plan (DOMAIN.md), and the verdict they imply."""
    verdict = (case.get("expected") or {}).get("plan_verdict")
    alignment = case.get("alignment")
    order, plan = current_order_and_plan(documents)
    if verdict == "no_plan":
        problems = [] if plan is None else [f"plan_verdict no_plan, but {plan['file']} is a current plan"]
        if alignment and (alignment.get("pairs") or alignment.get("added")):
            problems.append("plan_verdict no_plan takes no alignment")
        return problems
    problems = []
    if verdict == "unreadable_plan" and (plan is None or plan.get("format") != "scan"):
        problems.append("plan_verdict unreadable_plan needs a current plan in format scan")
    if alignment is None:
        return problems
    if order is None or plan is None:
        return [*problems, "alignment without a current order and a current plan"]
    pairs = alignment.get("pairs") or []
    added = alignment.get("added") or []
    order_items = [i["text"] for i in order.get("items") or [] if i.get("kind") in ALIGNED_KINDS]
    plan_items = [i["text"] for i in plan.get("items") or [] if i.get("kind") in ALIGNED_KINDS]
    paired = Counter(p.get("order") for p in pairs if isinstance(p, dict))
    for item in order_items:
        if paired[item] != 1:
            problems.append(f"alignment: order item {item!r} is paired {paired[item]} times, not once")
    for text_ in paired:
        if text_ not in order_items:
            problems.append(f"alignment: {text_!r} is no goal, sub-goal or activity of {order['file']}")
    used = [p.get("plan") for p in pairs if isinstance(p, dict) and p.get("plan") is not None]
    problems += [
        f"alignment: {t!r} is no goal, sub-goal or activity of {plan['file']}"
        for t in [*used, *added]
        if t not in plan_items
    ]
    matched = len(used)
    implied = "match" if matched == len(pairs) and not added else "replaced" if matched == 0 else "partial"
    if verdict in ("match", "partial", "replaced") and pairs and verdict != implied:
        problems.append(f"alignment pairs imply plan_verdict {implied}, not {verdict}")
    return problems


def current_order_and_plan(
    documents: list[dict[str, Any]],
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The newest order, and the newest plan dated on or after it (DOMAIN.md, "Current order/plan")."""

    def dated(doc_type: str) -> list[dict[str, Any]]:
        found = [
            d for d in documents if d.get("doc_type") == doc_type and isinstance(d.get("doc_date"), date)
        ]
        return sorted(found, key=lambda d: d["doc_date"])

    orders = dated("order")
    order = orders[-1] if orders else None
    plans = [p for p in dated("plan") if order is None or p["doc_date"] >= order["doc_date"]]
    return order, (plans[-1] if plans else None)


MONTHS = [
    *("januari", "februari", "mars", "april", "maj", "juni"),
    *("juli", "augusti", "september", "oktober", "november", "december"),
]


def _spellings(day: date) -> set[str]:
    """The ways DOMAIN.md lists for writing a date, with and without leading zeros."""
    d, m, y, yy = day.day, day.month, day.year, day.year % 100
    long, short = MONTHS[m - 1], MONTHS[m - 1][:3]
    return {
        day.isoformat(),
        f"{yy:02d}{m:02d}{d:02d}",
        f"{y}{m:02d}{d:02d}",
        f"{y}.{m:02d}.{d:02d}",
        *(
            f"{dd} {month} {year}"
            for dd in (d, f"{d:02d}")
            for month in (long, short)
            for year in (y, f"-{yy:02d}")
        ),
        *(f"{d}/{m}{sep}{year}" for sep in (" ", "-") for year in (y, f"{yy:02d}")),
        *(f"{d}:{suffix} {long} {y}" for suffix in ("e", "a")),
        *(f"{dd} {short}. {y}" for dd in (d, f"{d:02d}")),
    }


def _spelled_in(day: date, content: str) -> bool:
    folded = " ".join(content.casefold().split())
    return any(spelling in folded for spelling in _spellings(day))


def _furniture(document: dict[str, Any]) -> str:
    return f"{document.get('page_header') or ''}\n{document.get('page_footer') or ''}"


def _scalar(value: object) -> bool:
    return isinstance(value, str | int | float | date) and not isinstance(value, bool)


def _occurs(wanted: object, content: str) -> bool:
    return isinstance(wanted, str) and bool(wanted) and "\n" not in wanted and wanted in content
