"""Fuzzing: arbitrary Unicode text, laid out as any kind of block, goes through the whole analysis
without an exception, and what comes out points into the text it came from."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.model import BlockKind, FileFormat
from extractors.text import DraftBlock, assemble
from nlp.analyse import analyse
from nlp.privacy import Pseudonymizer

PSEUDONYMIZER = Pseudonymizer(b"fuzz" * 8)
# Swedish case-file words among arbitrary text, so that the rules get something to bite on.
WORDS = st.sampled_from(
    [
        "Mål:",
        "Delmål",
        "Syfte",
        "SIP",
        "våld",
        "inte",
        "Genomförandeplan",
        "Beställning",
        "Utredning",
        "19640412-9865",
        "Anna Lind",
        "2023-05-04",
        "att",
        "och",
        "?",
        "–",
        "Nej.",
        "\n",
        "•",
        "1.",
        "…",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=40), WORDS), max_size=30).map(" ".join)
BLOCKS = st.lists(
    st.tuples(TEXT, st.sampled_from(list(BlockKind)), st.integers(min_value=1, max_value=3)), max_size=12
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BLOCKS)
def test_any_text_goes_through_the_analysis(blocks: list[tuple[str, BlockKind, int]]) -> None:
    document = assemble(FileFormat.DOCX, [DraftBlock(text, kind, page) for text, kind, page in blocks], [], 3)
    analysed = analyse(document, PSEUDONYMIZER)
    for item in analysed.items:
        assert 0 <= item.char_start <= item.char_end <= len(document.text)
    for mention in analysed.mentions:
        assert 0 <= mention.char_start <= mention.char_end <= len(document.text)
