"""The spaCy pipeline: a blank Swedish model with lookup lemmas and block-aware sentence boundaries."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

_SENTENCE_END = {".", "!", "?", ";"}


@Language.component("block_sentences")
def block_sentences(doc: Doc) -> Doc:
    """Sentences never cross a line break (blocks: headings, list items, table cells are lines of the
    document text); inside a line, a sentence ends at . ! ? ; before a capital letter or a digit."""
    for index, token in enumerate(doc):
        if index == 0:
            token.is_sent_start = True
            continue
        previous = doc[index - 1]
        line_break = "\n" in previous.text or "\n" in previous.whitespace_
        opens_sentence = token.text[:1].isupper() or token.text[:1].isdigit()
        sentence_end = previous.text in _SENTENCE_END and opens_sentence
        token.is_sent_start = line_break or sentence_end
    return doc


@lru_cache(maxsize=1)
def swedish() -> Language:
    """The shared pipeline (built once per process; no model is downloaded)."""
    nlp = spacy.blank("sv")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("block_sentences")
    nlp.initialize()
    return nlp
