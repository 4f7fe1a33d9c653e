"""Topic mentions of a document (violence, SIP, cooperation, ...), each with its status and evidence."""

from __future__ import annotations

import bisect

from extractors.model import Block
from nlp.context import find_mentions
from nlp.model import Mention
from nlp.pipeline import swedish
from nlp.topics import RULES


def _page_finder(blocks: list[Block]):
    starts = [block.char_start for block in blocks]

    def page_at(offset: int) -> int:
        index = bisect.bisect_right(starts, offset) - 1
        return blocks[max(index, 0)].page if blocks else 1

    return page_at


def find_topic_mentions(body: str, blocks: list[Block]) -> list[Mention]:
    """Every mention whose context gives it a status; mentions about someone else, bare template
    headings and the like are left out. Evidence is the whole sentence, in clear (masked later)."""
    nlp = swedish()
    page_at = _page_finder(blocks)
    found: list[Mention] = []
    seen: set[tuple[str, int]] = set()
    for mention in find_mentions(nlp(body), nlp):
        status = RULES[mention.topic](mention)
        sentence = mention.sentence
        if status is None or (mention.topic, sentence.start_char) in seen:
            continue
        seen.add((mention.topic, sentence.start_char))
        evidence = sentence.text.strip()
        start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
        found.append(Mention(mention.topic, status, evidence, page_at(start), start, start + len(evidence)))
    return found
