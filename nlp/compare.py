"""The current order against the current plan: which order item has its counterpart in the plan.

Each item is reduced to its content words (lemmas, digits for number words, synonym groups, compound
parts; patterns/compare.yaml). An order item's similarity to a plan item is how much of the order item's
content the plan item covers, mostly, and how much of the plan item the order item covers: added how,
who or when lowers it little. Items may change kind between order and plan.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from nlp.model import Alignment, CaseItems, ComparedItem, Comparison
from nlp.pipeline import swedish_with_lemmas
from nlp.rules import alternation, load

# An order item has its counterpart in a plan item at least this similar.
MATCH_THRESHOLD = 0.4
# Weight of the order item's content covered by the plan item (the rest: the plan item's covered).
ORDER_COVERAGE_WEIGHT = 0.75
_COMPOUND_PART = 4  # letters a shared compound part needs at least
_COMPOUND_SIMILARITY = 0.8
SAME_KIND_BONUS = 0.1
# Words said of almost every item ("dag", "vecka") count this much of a content word.
WEAK_WORD_WEIGHT = 0.5
SAME_PLACE_BONUS = 0.1
# The purpose is not compared: goals, sub-goals and activities are (DOMAIN.md).
ALIGNED_KINDS = frozenset({"goal", "subgoal", "activity"})


def rules_version() -> str:
    """A fingerprint of the comparison's rules: its settings and patterns/compare.yaml."""
    settings = (MATCH_THRESHOLD, ORDER_COVERAGE_WEIGHT, SAME_KIND_BONUS, SAME_PLACE_BONUS, WEAK_WORD_WEIGHT)
    text = repr(settings) + repr(load("compare")) + ",".join(sorted(ALIGNED_KINDS))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def compare_case(case: CaseItems) -> Comparison:
    """A case's verdict: its current order against its current plan."""
    if case.plan_doc_id is None:
        return without_plan(case.order_items, case.unreadable_plan)
    return compare(case.order_items, case.plan_items)


def without_plan(order_items: Sequence[ComparedItem], unreadable: bool) -> Comparison:
    """A case whose current plan is missing, or exists only as a scan that could not be read."""
    alignments = [Alignment(item, None, 0.0, False) for item in order_items if item.kind in ALIGNED_KINDS]
    return Comparison("unreadable_plan" if unreadable else "no_plan", alignments, [])


def compare(order_items: Sequence[ComparedItem], plan_items: Sequence[ComparedItem]) -> Comparison:
    """Align the order's items with the plan's and give the verdict."""
    order_items = [item for item in order_items if item.kind in ALIGNED_KINDS]
    plan_items = [item for item in plan_items if item.kind in ALIGNED_KINDS]
    order_words = [content_words(item.text) for item in order_items]
    plan_words = [content_words(item.text) for item in plan_items]
    order_places = _places(order_items)
    plan_places = _places(plan_items)
    scores = [
        [
            _similarity(o, p) + _structure(oi, pi, order_places[i], plan_places[j])
            for j, (p, pi) in enumerate(zip(plan_words, plan_items, strict=True))
        ]
        for i, (o, oi) in enumerate(zip(order_words, order_items, strict=True))
    ]
    partner = _assign(scores)
    alignments = []
    for index, item in enumerate(order_items):
        best = partner.get(index)
        if best is None and plan_items:
            best = max(range(len(plan_items)), key=lambda j: scores[index][j])
        similarity = round(min(scores[index][best], 1.0), 3) if best is not None else 0.0
        alignments.append(
            Alignment(item, plan_items[best] if best is not None else None, similarity, index in partner)
        )
    used = set(partner.values())
    added = [
        item
        for j, item in enumerate(plan_items)
        if j not in used and all(row[j] < MATCH_THRESHOLD for row in scores)
    ]
    return Comparison(_verdict(alignments, added), alignments, added)


def _places(items: Sequence[ComparedItem]) -> list[float]:
    """Where each item stands among the items of its kind, from 0 (first) to 1 (last)."""
    places = []
    for item in items:
        same = [other for other in items if other.kind == item.kind]
        places.append(same.index(item) / (len(same) - 1) if len(same) > 1 else 0.0)
    return places


def _structure(order: ComparedItem, plan: ComparedItem, order_place: float, plan_place: float) -> float:
    """Plans follow their order's structure: the same kind, in about the same place, is likelier."""
    if order.kind != plan.kind:
        return 0.0
    return SAME_KIND_BONUS + SAME_PLACE_BONUS * (1 - abs(order_place - plan_place))


def _assign(scores: list[list[float]]) -> dict[int, int]:
    """Order item → plan item: the most similar pairs first, each plan item once; then an order item
    still without a counterpart may share a plan item that covers it as well."""
    pairs = sorted(
        (
            (score, i, j)
            for i, row in enumerate(scores)
            for j, score in enumerate(row)
            if score >= MATCH_THRESHOLD
        ),
        reverse=True,
    )
    partner: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in pairs:
        if i not in partner and j not in taken:
            partner[i] = j
            taken.add(j)
    for _, i, j in pairs:
        partner.setdefault(i, j)
    return partner


def _verdict(alignments: list[Alignment], added: list[ComparedItem]) -> str:
    matched = sum(a.matched for a in alignments)
    if alignments and matched == 0:
        return "replaced"
    if matched == len(alignments) and not added:
        return "match"
    return "partial"


def _similarity(order: list[str], plan: list[str]) -> float:
    if not order or not plan:
        return 0.0
    return ORDER_COVERAGE_WEIGHT * _coverage(order, plan) + (1 - ORDER_COVERAGE_WEIGHT) * _coverage(
        plan, order
    )


def _coverage(words: list[str], other: list[str]) -> float:
    """How much of `words` the other item says: each word's best match there, averaged by weight."""
    weak = _vocabulary().weak
    weights = [WEAK_WORD_WEIGHT if w in weak else 1.0 for w in words]
    said = sum(wt * max(_word_similarity(w, o) for o in other) for w, wt in zip(words, weights, strict=True))
    return said / sum(weights)


@lru_cache(maxsize=1 << 16)
def _word_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= _COMPOUND_PART and (longer.startswith(shorter) or longer.endswith(shorter)):
        return _COMPOUND_SIMILARITY
    prefix = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        prefix += 1
    return _COMPOUND_SIMILARITY if prefix >= _COMPOUND_PART + 1 else 0.0


@lru_cache(maxsize=4096)
def _content_words(text: str) -> tuple[str, ...]:
    spec = _vocabulary()
    text = _days_counted(text.casefold())
    text = spec.phrases.sub(lambda m: spec.phrase_head[_folded(m.group(0))], text)
    words = []
    for token in swedish_with_lemmas()(re.sub(r"[/–-]", " ", text)):
        forms = (token.lower_, token.lemma_.lower() or token.lower_)
        if not (token.is_alpha or token.like_num) or any(form in spec.stopwords for form in forms):
            continue
        words.append(next((spec.canonical[f] for f in forms if f in spec.canonical), forms[1]))
    return tuple(words)


@lru_cache(maxsize=1)
def _weekday_patterns() -> tuple[list[str], re.Pattern[str], re.Pattern[str]]:
    days = [str(day) for day in load("compare")["weekdays"]]
    day = rf"(?:{'|'.join(days)})(?:ar|arna|en)?"
    span = re.compile(rf"(?<!\w)(?P<first>{day})\s*(?:till|–|-)\s*(?P<last>{day})(?!\w)")
    series = re.compile(rf"(?<!\w){day}(?:\s*(?:,|och)\s*{day})+(?!\w)")
    return days, span, series


def _days_counted(text: str) -> str:
    """ "måndag till torsdag" → "4 dagar", "tisdagar och torsdagar" → "2 dagar" (lower-case text)."""
    days, span, series = _weekday_patterns()

    def index(name: str) -> int:
        return next(i for i, day in enumerate(days) if name.startswith(day))

    text = span.sub(lambda m: f"{index(m['last']) - index(m['first']) + 1} dagar", text)
    return series.sub(lambda m: f"{len(re.findall(r'[a-zåäö]+dag', m.group(0)))} dagar", text)


def content_words(text: str) -> list[str]:
    """The words of an item that carry its content, in a form comparable across wordings."""
    return list(_content_words(text))


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class _Vocabulary:
    stopwords: frozenset[str]
    weak: frozenset[str]
    canonical: dict[str, str]  # a number word's digits, a synonym's group head
    phrase_head: dict[str, str]  # a synonym of several words → its group head
    phrases: re.Pattern[str]


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    spec = load("compare")
    canonical = {str(word): str(value) for word, value in spec["numbers"].items()}
    phrase_head: dict[str, str] = {}
    for group in spec["synonyms"]:
        head = _folded(str(group[0]))
        for word in map(_folded, map(str, group)):
            (phrase_head if " " in word else canonical)[word] = head
    phrases = alternation(list(phrase_head)) or "(?!)"
    return _Vocabulary(
        frozenset(_folded(str(w)) for w in spec["stopwords"]),
        frozenset(_folded(str(w)) for w in spec["weak_words"]),
        canonical,
        phrase_head,
        re.compile(rf"(?<!\w)(?:{phrases})(?!\w)"),
    )
