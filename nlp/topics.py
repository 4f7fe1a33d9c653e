"""What a topic mention means, given its context categories (DOMAIN.md's definitions)."""

from __future__ import annotations

from collections.abc import Callable

from nlp.context import ContextMention

# Each rule maps a mention to a status, or None when the mention says nothing about the person
# (someone else concerned, a template heading, ...).
Rule = Callable[[ContextMention], str | None]


def _is_bare_heading(mention: ContextMention) -> bool:
    words = [t for t in mention.sentence if not t.is_punct and not t.is_space]
    return len(words) <= 4 and mention.target.start <= words[0].i + 1 if words else True


def violence(mention: ContextMention) -> str | None:
    c = mention.categories
    if "OTHER_PERSON" in c and "ASKED" not in c:
        return None
    if "DECLINED" in c:
        return "declined"
    if "NEGATED" in c:
        return "asked"
    if "POSSIBLE" in c and "ASKED" not in c:
        return None
    if mention.default_status == "disclosed" or "HISTORICAL" in c or "DONE" in c:
        return "disclosed"
    if mention.target.text.lower().startswith("utsatt"):
        return "disclosed"
    return "asked" if "ASKED" in c else None


def sip(mention: ContextMention) -> str | None:
    c = mention.categories
    if "INTERNAL" in c or "HISTORICAL" in c or "POSSIBLE" in c or "OTHER_PERSON" in c:
        return "none"
    if "DECLINED" in c:
        return "declined"
    if "NEGATED" in c:
        return "none"
    if "IN_PROGRESS" in c:
        return "in_progress"
    return "exists"


def cooperation(mention: ContextMention) -> str | None:
    c = mention.categories
    if "NEGATED" in c or "POSSIBLE" in c or "HISTORICAL" in c:
        return "no_cooperation"
    return "cooperation" if "COOPERATION" in c else "no_cooperation"


def personal_ombud(mention: ContextMention) -> str | None:
    c = mention.categories
    if "NEGATED" in c or "POSSIBLE" in c or "HISTORICAL" in c or "DECLINED" in c:
        return "no_cooperation"
    return "cooperation"


def followup(mention: ContextMention) -> str | None:
    c = mention.categories
    if "DONE" in c:
        return "documented"
    if "IN_PROGRESS" in c or "POSSIBLE" in c or "NEGATED" in c:
        return "booked"
    return mention.default_status


def children(mention: ContextMention) -> str | None:
    c = mention.categories
    if "OTHER_PERSON" in c or "HISTORICAL" in c or "POSSIBLE" in c:
        return None
    return "no" if "NEGATED" in c else "yes"


def child_impact_analysis(mention: ContextMention) -> str | None:
    c = mention.categories
    return "not_done" if "NEGATED" in c or "POSSIBLE" in c else "done"


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
