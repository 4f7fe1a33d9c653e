"""The spaCy pipelines: a blank Swedish model with block-aware sentence boundaries, or with lookup lemmas."""

from __future__ import annotations

from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

_SENTENCE_END = {".", "!", "?", ";"}
_START, _NOT_START = 1, -1  # spaCy's SENT_START values


@Language.component("block_sentences")
def block_sentences(doc: Doc) -> Doc:
    """Sentences never cross a line break (blocks: headings, list items, table cells are lines of the
    document text); inside a line, a sentence ends at . ! ? ; before a capital letter or a digit."""
    starts = []
    previous_text, previous_space = "\n", ""
    for token in doc:
        text = token.text
        first = text[:1]
        starts.append(
            "\n" in previous_text
            or "\n" in previous_space
            or (previous_text in _SENTENCE_END and (first.isupper() or first.isdigit()))
        )
        previous_text, previous_space = text, token.whitespace_
    # Set all at once: setting token.is_sent_start one token at a time checks the whole document each
    # time, which made a long journal take minutes.
    values = numpy.array([_START if start else _NOT_START for start in starts], dtype=numpy.int64)
    doc.from_array([SENT_START], values.astype(numpy.uint64).reshape(-1, 1))
    return doc


@lru_cache(maxsize=1)
def swedish() -> Language:
    """Words and sentences, what the mention rules read (built once per process; no model is downloaded)."""
    nlp = spacy.blank("sv")
    nlp.add_pipe("block_sentences")
    return nlp


@lru_cache(maxsize=1)
def swedish_with_lemmas() -> Language:
    """Words with their lookup lemmas, which the order-against-plan comparison reads. Loading the lemma
    table takes a second and a half: only the process that compares pays it."""
    nlp = spacy.blank("sv")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp
