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
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from nlp.rules import load

FORWARD, BACKWARD, BIDIRECTIONAL = "FORWARD", "BACKWARD", "BIDIRECTIONAL"
TERMINATE = "TERMINATE"


@dataclass(frozen=True, slots=True)
class Trigger:
    topic: str
    status: str


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


def _token_patterns(literal: str) -> list[dict]:
    tokens = []
    for word in literal.lower().split():
        if word.endswith("*") and len(word) > 1:
            tokens.append({"LOWER": {"REGEX": f"^{re.escape(word[:-1])}"}})
        else:
            tokens.append({"LOWER": word})
    return tokens


@dataclass(frozen=True)
class ContextRules:
    targets: Matcher
    modifiers: Matcher
    trigger_of: dict[str, Trigger]
    modifier_of: dict[str, Modifier]
    excluded: frozenset[str]


@lru_cache(maxsize=1)
def rules(nlp: Language) -> ContextRules:
    targets, modifiers = Matcher(nlp.vocab), Matcher(nlp.vocab)
    trigger_of: dict[str, Trigger] = {}
    modifier_of: dict[str, Modifier] = {}
    excluded: set[str] = set()
    for topic, spec in load("topics")["topics"].items():
        for trigger in spec["triggers"]:
            key = f"target:{topic}:{trigger['phrase']}"
            targets.add(key, [_token_patterns(trigger["phrase"])])
            trigger_of[key] = Trigger(topic, str(trigger["status"]))
        excluded.update(word.lower() for word in spec.get("exclude", []))
    for number, rule in enumerate(load("context")["modifiers"]):
        key = f"modifier:{number}:{rule['literal']}"
        modifiers.add(key, [_token_patterns(rule["literal"])])
        topics = rule.get("topics")
        modifier_of[key] = Modifier(
            rule["category"],
            rule.get("direction", BIDIRECTIONAL),
            rule.get("max_scope"),
            frozenset(topics) if topics else None,
        )
    return ContextRules(targets, modifiers, trigger_of, modifier_of, frozenset(excluded))


def _longest(matches: list[tuple[int, int, int]], doc: Doc) -> list[tuple[str, int, int]]:
    """Overlapping matches reduced to the longest, as (rule key, start, end) in document order."""
    spans = sorted(matches, key=lambda m: m[2] - m[1], reverse=True)
    taken: set[int] = set()
    kept = []
    for match_id, start, end in spans:
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            kept.append((doc.vocab.strings[match_id], start, end))
    return sorted(kept, key=lambda m: m[1])


def _words_between(sentence: Span, start: int, end: int) -> int:
    return sum(1 for token in sentence.doc[start:end] if not token.is_punct and not token.is_space)


def _reaches(
    modifier: Modifier, mod_start: int, mod_end: int, target: Span, sentence: Span, terminators: list[int]
) -> bool:
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


def find_mentions(doc: Doc, nlp: Language) -> list[ContextMention]:
    """Every topic trigger in the document with the context categories that apply to it."""
    context = rules(nlp)
    targets = [
        (key, start, end)
        for key, start, end in _longest(context.targets(doc), doc)
        if doc[start:end].text.lower() not in context.excluded
    ]
    modifiers = _longest(context.modifiers(doc), doc)
    mentions = []
    for key, start, end in targets:
        target = doc[start:end]
        sentence = target.sent
        in_sentence = [(k, s, e) for k, s, e in modifiers if sentence.start <= s and e <= sentence.end]
        terminators = [s for k, s, _ in in_sentence if context.modifier_of[k].category == TERMINATE]
        trigger = context.trigger_of[key]
        categories = frozenset(
            context.modifier_of[k].category
            for k, s, e in in_sentence
            if context.modifier_of[k].category != TERMINATE
            and (context.modifier_of[k].topics is None or trigger.topic in context.modifier_of[k].topics)
            and not (s < end and start < e)
            and _reaches(context.modifier_of[k], s, e, target, sentence, terminators)
        )
        mentions.append(ContextMention(trigger.topic, trigger.status, target, sentence, categories))
    return mentions
