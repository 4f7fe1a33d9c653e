"""Text clean-up, line joining, assembly with offsets, furniture keys and the command line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors.__main__ import main
from extractors.furniture import EdgeLine, furniture_key, recurring
from extractors.model import BlockKind, FileFormat, TableCellPosition
from extractors.text import DraftBlock, assemble, clean, join_lines


def test_clean_normalises_whitespace_and_keeps_swedish_letters() -> None:
    decomposed = "A\u030asa O\u0308berg"  # å and Ö as base letter + combining mark
    assert clean(f"  {decomposed}\u00a0har\tstöd  av boende\u00adstödjare\u200b ﬁnt\n") == (
        "Åsa Öberg har stöd av boendestödjare fint"
    )
    assert clean("café ÅÄÖ åäö é") == "café ÅÄÖ åäö é"
    assert clean("(cid:127) Handla") == "Handla"


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["kontakt med arbets-", "förmedlingen i Farsta"], "kontakt med arbetsförmedlingen i Farsta"),
        (["stöd enligt LSS-", "insatser"], "stöd enligt LSS-insatser"),
        (["hälso-", "och sjukvården"], "hälso- och sjukvården"),
        (["Stockholms-", "Uppsala"], "Stockholms- Uppsala"),
        (["åren 2019-", "2020"], "åren 2019-2020"),
        (["stöd –", "varje vecka"], "stöd – varje vecka"),
        (["boende\u00ad", "stödjare"], "boendestödjare"),
        (["  en  ", "", "två"], "en två"),
    ],
)
def test_join_lines(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined


def test_assemble_offsets_separators_and_furniture_last() -> None:
    cell = TableCellPosition(0, 0, 1)
    document = assemble(
        FileFormat.PDF,
        [
            DraftBlock("Mål", BlockKind.HEADING, 1),
            DraftBlock(" Åsa  ska\u00a0arbeta. ", BlockKind.PARAGRAPH, 1),
            DraftBlock("Hon ska laga mat.", BlockKind.PARAGRAPH, 1),
            DraftBlock("   ", BlockKind.PARAGRAPH, 1),
            DraftBlock("Budget", BlockKind.TABLE_CELL, 2, cell),
        ],
        [DraftBlock("Sida 1 av 2", BlockKind.PAGE_FOOTER, 1)],
        pages=2,
    )
    assert document.text == "Mål\n\nÅsa ska arbeta.\nHon ska laga mat.\n\nBudget\n\nSida 1 av 2"
    assert [(b.kind, b.char_start, b.char_end) for b in document.blocks] == [
        (BlockKind.HEADING, 0, 3),
        (BlockKind.PARAGRAPH, 5, 20),
        (BlockKind.PARAGRAPH, 21, 38),
        (BlockKind.TABLE_CELL, 40, 46),
        (BlockKind.PAGE_FOOTER, 48, 59),
    ]
    assert all(document.text[b.char_start : b.char_end] == b.text for b in document.blocks)
    assert document.blocks[3].cell == cell
    assert [b.text for b in document.body_blocks] == ["Mål", "Åsa ska arbeta.", "Hon ska laga mat.", "Budget"]


def test_furniture_keys_ignore_numbers() -> None:
    assert furniture_key("Sida 2 av 3") == furniture_key("Sida  10 av 12") == "sida # av #"


def test_furniture_keys_ignore_punctuation_that_ocr_reads_differently_on_each_page() -> None:
    assert furniture_key("Farsta sdf · Socialpsykiatri") == furniture_key("Farsta sdf : Socialpsykiatri")
    assert furniture_key("Farsta sdf · Socialpsykiatri") != furniture_key("Farsta sdf · Äldreomsorg")
    header, footer = BlockKind.PAGE_HEADER, BlockKind.PAGE_FOOTER
    lines = [
        EdgeLine(1, header, "Farsta stadsdelsförvaltning"),
        EdgeLine(2, header, "Farsta stadsdelsförvaltning"),
        EdgeLine(1, footer, "Sida 1 av 4"),
        EdgeLine(2, footer, "Sida 2 av 4"),
        EdgeLine(3, footer, "Sida 3 av 4"),
        EdgeLine(1, header, "Genomförandeplan"),
    ]
    assert recurring(lines, page_count=4) == {
        (header, "farsta stadsdelsförvaltning"),
        (footer, "sida # av #"),
    }
    assert recurring(lines, page_count=5) == {(footer, "sida # av #")}  # header on 2 of 5 pages
    assert recurring(lines[:1], page_count=1) == set()


def test_command_line_prints_status_pages_and_blocks(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(files["case.pdf"])]) == 0
    out = capsys.readouterr().out
    assert "ok (pdf), 3 page(s)" in out
    assert re.search(r"^  heading +p1 +0-30 +Genomförandeplan för Åsa Öberg$", out, re.MULTILINE)
    assert "t0r1c0 Kontakt med psykiatrin varannan vecka enligt överenskommelse" in out
    assert main([str(files["encrypted.pdf"]), str(files["case.docx"])]) == 1
    out = capsys.readouterr().out
    assert "quarantined (pdf)" in out and "error: encrypted PDF (password required)" in out
    assert "ok (docx), 4 page(s)" in out
