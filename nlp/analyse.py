"""From an extracted document to an analysed one."""

from __future__ import annotations

from dataclasses import replace

from extractors.model import BlockKind, ExtractedDocument
from nlp import dates, doctype, identity, places
from nlp.items import extract_items
from nlp.mentions import find_topic_mentions
from nlp.model import AnalysedDocument
from nlp.privacy import Pseudonymizer

PROVIDER_DOC_TYPES = frozenset({"order", "plan"})
# Which kinds of item each document type is read for (a DUR states the purpose and goal of the service).
ITEM_KINDS = {
    "order": frozenset({"purpose", "goal", "subgoal", "activity"}),
    "plan": frozenset({"purpose", "goal", "subgoal", "activity"}),
    "dur": frozenset({"purpose", "goal"}),
}
MENTION_DOC_TYPES = frozenset({"dur", "order", "plan", "journal"})
ORIENTATION_DOC_TYPES = frozenset({"dur", "order", "other"})


def analyse(document: ExtractedDocument, pseudonymizer: Pseudonymizer) -> AnalysedDocument:
    """Type, own date, person (as keys), district and provider of a readable document."""
    body_end = max((b.char_end for b in document.body_blocks), default=0)
    body = document.text[:body_end]
    furniture = "\n".join(
        b.text for b in document.blocks if b.kind in (BlockKind.PAGE_HEADER, BlockKind.PAGE_FOOTER)
    )
    doc_type = doctype.classify(body, furniture)
    doc_date = dates.document_date(body, doc_type)
    subject = identity.find_subject(document.text, doc_date.year if doc_date else None)
    number = subject.number
    token_keys = pseudonymizer.name_token_keys(subject.full_name) if subject.full_name else frozenset()
    kinds = ITEM_KINDS.get(doc_type, frozenset())
    items = [item for item in extract_items(document) if item.kind in kinds]
    mentions = (
        find_topic_mentions(body, document.body_blocks, doc_type, doc_date.year if doc_date else None)
        if doc_type in MENTION_DOC_TYPES
        else []
    )
    return AnalysedDocument(
        doc_type=doc_type,
        doc_date=doc_date,
        case_key=pseudonymizer.case_key(number.digits) if number else None,
        name_key=pseudonymizer.name_key(subject.full_name) if subject.full_name else None,
        name_token_keys=token_keys,
        gender=number.gender if number else None,
        birth_year=number.birth_year if number else None,
        district=places.find_district(body, furniture),
        provider=_provider(document, body, furniture, doc_type, pseudonymizer, token_keys),
        orientation=doctype.orientation(body) if doc_type in ORIENTATION_DOC_TYPES else None,
        items=[replace(i, text=pseudonymizer.mask_text(i.text, token_keys)) for i in items],
        mentions=[replace(m, evidence=pseudonymizer.mask_text(m.evidence, token_keys)) for m in mentions],
    )


def _provider(
    document: ExtractedDocument,
    body: str,
    furniture: str,
    doc_type: str,
    pseudonymizer: Pseudonymizer,
    token_keys: frozenset[str],
) -> str | None:
    """The provider of an order or plan; never the person's own name (a letterhead may be theirs)."""
    if doc_type not in PROVIDER_DOC_TYPES:
        return None
    provider = places.find_provider(document.body_blocks, body, furniture, letterhead=doc_type == "plan")
    if provider and pseudonymizer.mask_text(provider, token_keys) != provider:
        return None
    return provider
