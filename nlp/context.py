"""Topic mentions with their context, in the manner of medspaCy's ConText.

Triggers (patterns/topics.yaml) find the mentions; modifiers (patterns/context.yaml) in the same sentence
mark them as negated, historical, possible, about someone else, declined, asked, and so on, within their
direction and scope. The topic rules (nlp/topics.py) turn a mention and its modifiers into a status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.rules import load
from nlp.word_patterns import WordPatterns, lowercase_tokens, pattern_words

FORWARD, BACKWARD, BIDIRECTIONAL = "FORWARD", "BACKWARD", "BIDIRECTIONAL"
TERMINATE = "TERMINATE"
_OLD_YEAR = "modifier:old_year"


@dataclass(frozen=True, slots=True)
class Trigger:
    topic: str
    status: str
    ignores: frozenset[str] = frozenset()  # categories that do not apply ("slog henne" names the victim)


@dataclass(frozen=True, slots=True)
class Modifier:
    category: str
    direction: str
    max_scope: int | None
    topics: frozenset[str] | None


@dataclass(frozen=True, slots=True)
class ContextMention:
    """A topic trigger in a sentence, with the categories of the modifiers that reach it."""

    topic: str
    default_status: str
    target: Span
    sentence: Span
    categories: frozenset[str]


@dataclass(frozen=True)
class ContextRules:
    targets: WordPatterns
    modifiers: WordPatterns
    trigger_of: dict[str, Trigger]
    modifier_of: dict[str, Modifier]
    excluded: frozenset[str]


@lru_cache(maxsize=1)
def rules(nlp: Language) -> ContextRules:
    targets, modifiers = WordPatterns(), WordPatterns()
    trigger_of: dict[str, Trigger] = {}
    modifier_of: dict[str, Modifier] = {}
    excluded: set[str] = set()
    for topic, spec in load("topics")["topics"].items():
        for trigger in spec["triggers"]:
            key = f"target:{topic}:{trigger['phrase']}"
            targets.add(key, pattern_words(trigger["phrase"], nlp))
            trigger_of[key] = Trigger(topic, str(trigger["status"]), frozenset(trigger.get("ignores", [])))
        excluded.update(word.lower() for word in spec.get("exclude", []))
    for number, rule in enumerate(load("context")["modifiers"]):
        key = f"modifier:{number}:{rule['literal']}"
        modifiers.add(key, pattern_words(rule["literal"], nlp))
        topics = rule.get("topics")
        modifier_of[key] = Modifier(
            rule["category"],
            rule.get("direction", BIDIRECTIONAL),
            rule.get("max_scope"),
            frozenset(topics) if topics else None,
        )
    old_years = load("context").get("old_years") or {}
    modifier_of[_OLD_YEAR] = Modifier("HISTORICAL", BIDIRECTIONAL, old_years.get("max_scope"), None)
    return ContextRules(targets, modifiers, trigger_of, modifier_of, frozenset(excluded))


def _longest(matches: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Overlapping matches reduced to the longest, as (rule key, start, end) in document order."""
    spans = sorted(matches, key=lambda m: m[2] - m[1], reverse=True)
    taken: set[int] = set()
    kept_spans: set[tuple[int, int]] = set()
    kept = []
    for key, start, end in spans:
        if taken.isdisjoint(range(start, end)) or (start, end) in kept_spans:
            taken.update(range(start, end))
            kept_spans.add((start, end))
            kept.append((key, start, end))
    return sorted(kept, key=lambda m: m[1])


def _words_between(sentence: Span, start: int, end: int) -> int:
    return sum(1 for token in sentence.doc[start:end] if not token.is_punct and not token.is_space)


def _reaches(
    modifier: Modifier, mod_start: int, mod_end: int, target: Span, sentence: Span, terminators: list[int]
) -> bool:
    if mod_start <= target.start and target.end <= mod_end:
        return True  # a modifier that holds its trigger ("som barn")
    if target.start >= mod_end and modifier.direction in (FORWARD, BIDIRECTIONAL):
        if any(mod_end <= t < target.start for t in terminators):
            return False
        distance = _words_between(sentence, mod_end, target.start)
    elif target.end <= mod_start and modifier.direction in (BACKWARD, BIDIRECTIONAL):
        if any(target.end <= t < mod_start for t in terminators):
            return False
        distance = _words_between(sentence, target.end, mod_start)
    else:
        return False
    return modifier.max_scope is None or distance <= modifier.max_scope


def _old_years(doc: Doc, document_year: int | None) -> list[tuple[str, int, int]]:
    """Years long before the document's own ("2014" in a 2019 file) as HISTORICAL modifiers, unless they
    say since when something has lasted ("sedan 2015")."""
    spec = load("context").get("old_years")
    if not spec or document_year is None:
        return []
    found = []
    for token in doc:
        years = re.fullmatch(r"((?:19|20)\d\d)(?:[–-]((?:19|20)?\d\d))?", token.text)  # "2014", "2019–2020"
        if not years or _last_year(years) > document_year - spec["years_before"]:
            continue
        if token.i > 0 and doc[token.i - 1].lower_ in spec["not_after"]:
            continue
        found.append((_OLD_YEAR, token.i, token.i + 1))
    return found


def _last_year(years: re.Match[str]) -> int:
    first, last = years.group(1), years.group(2)
    if not last:
        return int(first)
    return int(last) if len(last) == 4 else int(first[:2] + last)


def find_mentions(doc: Doc, nlp: Language, document_year: int | None = None) -> list[ContextMention]:
    """Every topic trigger in the document with the context categories that apply to it."""
    context = rules(nlp)
    lowers = lowercase_tokens(doc)
    targets = [
        (key, start, end)
        for key, start, end in _longest(context.targets(lowers))
        if doc[start:end].text.lower() not in context.excluded
    ]
    modifiers = [
        (key, start, end)
        for key, start, end in _longest(context.modifiers(lowers))
        if not (context.modifier_of[key].category == "OTHER_PERSON" and _is_agent(doc, start))
    ] + _old_years(doc, document_year)
    mentions = []
    for key, start, end in targets:
        target = doc[start:end]
        sentence = target.sent
        in_sentence = [(k, s, e) for k, s, e in modifiers if sentence.start <= s and e <= sentence.end]
        terminators = [s for k, s, _ in in_sentence if context.modifier_of[k].category == TERMINATE]
        trigger = context.trigger_of[key]
        categories = (
            frozenset(
                context.modifier_of[k].category
                for k, s, e in in_sentence
                if context.modifier_of[k].category != TERMINATE
                and (context.modifier_of[k].topics is None or trigger.topic in context.modifier_of[k].topics)
                and (not (s < end and start < e) or context.modifier_of[k].topics is not None)
                and _reaches(context.modifier_of[k], s, e, target, sentence, terminators)
            )
            - trigger.ignores
        )
        previous = mentions[-1] if mentions else None
        if previous and previous.sentence == sentence and _listed_together(doc, previous.target.end, start):
            categories |= previous.categories
        mentions.append(ContextMention(trigger.topic, trigger.status, target, sentence, categories))
    return mentions


def _is_agent(doc: Doc, start: int) -> bool:
    """Someone else named as the one who did it ("misshandlad av sin före detta sambo") is not the one
    concerned."""
    spec = load("context")["agent"]
    return any(token.lower_ in spec["words"] for token in doc[max(0, start - spec["window"]) : start])


_LIST_JOINERS = frozenset({",", "eller", "och", "/", "samt", "&"})


def _listed_together(doc: Doc, end: int, start: int) -> bool:
    """Targets in one list ("våld, hot eller kränkningar") share what was said of the first."""
    between = doc[end:start]
    joiners = sum(token.lower_ in _LIST_JOINERS for token in between)
    return end <= start and (not between or joiners > 0) and len(between) - joiners <= 1


def sentence_categories(sentence: Span, nlp: Language) -> frozenset[str]:
    """The categories of every modifier in the sentence, whatever its direction."""
    context = rules(nlp)
    return frozenset(
        context.modifier_of[key].category
        for key, _, _ in _longest(context.modifiers(lowercase_tokens(sentence)))
        if context.modifier_of[key].category != TERMINATE
    )
