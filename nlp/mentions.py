"""Topic mentions of a document (violence, SIP, cooperation, ...), each with its status and evidence."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.model import Block, BlockKind
from nlp.context import ContextMention, find_mentions, sentence_categories
from nlp.model import Mention
from nlp.pipeline import swedish
from nlp.rules import load
from nlp.sections import heading_of, label_of
from nlp.topics import ANSWER, RULES


def _block_finder(blocks: list[Block]) -> Callable[[int], Block | None]:
    starts = [block.char_start for block in blocks]

    def block_at(offset: int) -> Block | None:
        index = bisect.bisect_right(starts, offset) - 1
        return blocks[index] if index >= 0 else None

    return block_at


_PHONE = re.compile(r"(?i)\b(?:tfn|tel|telefon|växel)\b|(?<!\d)0\d{1,3}-\d{2,3}\s?\d{2}")
_CONTACT_LINE_WORDS = 12


def _is_contact_line(sentence: Span) -> bool:
    """An entry of a contact list ("Personligt ombud Söder, tfn 08-508 24 000") names a service,
    it does not say anything about the person."""
    return len(sentence) <= _CONTACT_LINE_WORDS and bool(_PHONE.search(sentence.text))


def _is_left_empty(value: str) -> bool:
    """A field's value that says it was not filled in ("ej ifyllt", "–"); "ej aktuellt" is an answer."""
    folded = re.sub(r"[^\w ]", " ", value.casefold()).split()
    return not folded or " ".join(folded) in {v.casefold() for v in load("context")["left_empty"]}


def _is_template_heading(sentence: Span, block: Block | None) -> bool:
    """A heading or an empty template field ("Barn", "Våld i nära relationer:", "SIP: ej ifyllt")."""
    text = sentence.text.strip()
    label = label_of(text)
    if label is not None and (not label.rest or _is_left_empty(label.rest)):
        return True
    is_heading = block is not None and block.kind == BlockKind.HEADING
    return heading_of(text, is_heading) is not None and not text.endswith(".")


def _answers(doc: Doc, asked: list[ContextMention], nlp: Language) -> list[ContextMention]:
    """A sentence that answers a question put in the sentence before it, without naming the topic
    again ("Hon fick frågan om våld. Hon vill inte svara."): a mention of the same topic."""
    cues = load("context").get("answers") or {}
    found = []
    for mention in asked:
        words = cues.get(mention.topic) or []
        following = mention.sentence.end
        if following >= len(doc) or "\n" in doc[following - 1].whitespace_ + doc[following - 1].text:
            continue
        sentence = doc[following].sent
        if any(token.lower_.startswith(tuple(words)) for token in sentence):
            found.append(
                ContextMention(mention.topic, ANSWER, sentence, sentence, sentence_categories(sentence, nlp))
            )
    return found


def find_topic_mentions(
    body: str, blocks: list[Block], doc_type: str, document_year: int | None
) -> list[Mention]:
    """Every mention whose context gives it a status; mentions about someone else, template headings
    and the like are left out. Evidence is the whole sentence, in clear (masked later)."""
    nlp = swedish()
    doc = nlp(body)
    block_at = _block_finder(blocks)
    context_mentions = find_mentions(doc, nlp, document_year)
    asked = [m for m in context_mentions if "ASKED" in m.categories]
    found: dict[tuple[str, str, int], Mention] = {}
    for mention in context_mentions + _answers(doc, asked, nlp):
        sentence = mention.sentence
        block = block_at(sentence.start_char)
        if _is_template_heading(sentence, block) or _is_contact_line(sentence):
            continue
        status = RULES[mention.topic](mention, doc_type)
        if status is None:
            continue
        evidence = sentence.text.strip()
        start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
        key = (mention.topic, status, start)
        page = block.page if block else 1
        found.setdefault(key, Mention(mention.topic, status, evidence, page, start, start + len(evidence)))
    return sorted(found.values(), key=lambda m: (m.char_start, m.topic))
