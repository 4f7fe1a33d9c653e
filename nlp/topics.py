"""What a topic mention means, given its context categories and the document it stands in
(DOMAIN.md's definitions)."""

from __future__ import annotations

from collections.abc import Callable

from nlp.context import ContextMention

# Each rule maps a mention to a status, or None when the mention says nothing about the person
# (someone else concerned, only a possibility, ...).
Rule = Callable[[ContextMention, str], str | None]
# The default status of a sentence that answers the question put just before it.
ANSWER = "answer"


def violence(mention: ContextMention, doc_type: str) -> str | None:
    c = mention.categories
    if mention.default_status == ANSWER:
        return "declined" if "DECLINED" in c else "asked"
    if "OTHER_PERSON" in c and "ASKED" not in c:
        return None
    if "NOT_ASKED" in c:
        return "not_asked"
    if "DECLINED" in c:
        return "declined"
    if "NEGATED" in c:
        return "asked"  # asked, and the answer was no
    if "ASKED" in c:
        return "asked"
    if "POSSIBLE" in c or "FUTURE" in c:
        return None
    if mention.default_status == "disclosed" or c & {"HISTORICAL", "DONE", "REPORTED"}:
        return "disclosed"
    return None


def sip(mention: ContextMention, doc_type: str) -> str | None:
    c = mention.categories
    if c & {"INTERNAL", "HISTORICAL", "OTHER_PERSON"}:
        return "none"
    if "DECLINED" in c:  # "har erbjudits SIP men tackat nej": the offer was only a possibility, the no is not
        return "declined"
    if "POSSIBLE" in c:
        return "none"
    if "NEGATED" in c:
        return "none"
    if "IN_PROGRESS" in c:
        return "in_progress"
    if "FUTURE" in c and "DONE" not in c:
        return "none"
    return mention.default_status


def cooperation(mention: ContextMention, doc_type: str) -> str | None:
    c = mention.categories
    if c & {"NEGATED", "POSSIBLE", "HISTORICAL", "DECLINED", "FUTURE"}:
        return "no_cooperation"
    return "cooperation" if "COOPERATION" in c else "no_cooperation"


def personal_ombud(mention: ContextMention, doc_type: str) -> str | None:
    c = mention.categories
    if c & {"NEGATED", "POSSIBLE", "HISTORICAL", "DECLINED", "FUTURE"}:
        return "no_cooperation"
    return "cooperation"


def followup(mention: ContextMention, doc_type: str) -> str | None:
    """A journal records what happened: a follow-up entry there is documented unless it is booked,
    planned or cancelled. Elsewhere a follow-up is documented only where the text says it took place."""
    c = mention.categories
    if c & {"IN_PROGRESS", "FUTURE", "POSSIBLE", "NEGATED"}:
        return "booked"
    if "DONE" in c or doc_type == "journal":
        return "documented"
    return "booked"


def children(mention: ContextMention, doc_type: str) -> str | None:
    c = mention.categories
    if c & {"OTHER_PERSON", "HISTORICAL", "POSSIBLE"}:
        return None
    return "no" if "NEGATED" in c else "yes"


def child_impact_analysis(mention: ContextMention, doc_type: str) -> str | None:
    c = mention.categories
    return "not_done" if c & {"NEGATED", "POSSIBLE", "FUTURE"} else "done"


RULES: dict[str, Rule] = {
    "violence": violence,
    "sip": sip,
    "psychiatry": cooperation,
    "fk": cooperation,
    "af": cooperation,
    "personal_ombud": personal_ombud,
    "followup": followup,
    "children": children,
    "child_impact_analysis": child_impact_analysis,
}
