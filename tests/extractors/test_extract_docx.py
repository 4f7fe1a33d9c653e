"""DOCX extraction on real files made with python-docx."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import (
    BlockKind,
    ExtractedDocument,
    ExtractionStatus,
    FileFormat,
    TableCellPosition,
    extract,
    extract_bytes,
)
from tests.extractors.conftest import HEADER, docx_bytes


@pytest.fixture(scope="module")
def case(files: dict[str, Path]) -> ExtractedDocument:
    return extract(files["case.docx"])


def test_case_docx_is_read(case: ExtractedDocument) -> None:
    assert (case.status, case.format, case.error) == (ExtractionStatus.OK, FileFormat.DOCX, None)


def test_body_in_document_order_with_kinds_and_pages(case: ExtractedDocument) -> None:
    assert [(b.kind, b.page, b.text) for b in case.body_blocks if b.kind != BlockKind.TABLE_CELL] == [
        (BlockKind.HEADING, 1, "Genomförandeplan"),
        (BlockKind.PARAGRAPH, 1, "Åsa Öberg har stöd av boendestödjare två gånger i veckan."),
        (BlockKind.LIST_ITEM, 1, "Handla mat"),  # List Bullet style
        (BlockKind.LIST_ITEM, 1, "Städa lägenheten"),  # List Number style
        (BlockKind.LIST_ITEM, 1, "Betala räkningar i tid"),  # direct w:numPr
        (BlockKind.LIST_ITEM, 1, "Ringa psykiatrin"),  # typed bullet
        (BlockKind.HEADING, 2, "Mål med insatsen"),  # after an explicit page break
        (BlockKind.PARAGRAPH, 2, "Åsa ska ha en meningsfull sysselsättning."),  # inside a content control
        (BlockKind.PARAGRAPH, 3, "Uppföljning sker i december."),  # pageBreakBefore
        (BlockKind.PARAGRAPH, 4, "Underskrift handläggare"),  # after a new-page section break
    ]
    assert case.pages == 4


def test_table_cells_once_each_with_merges_and_nested_table(case: ExtractedDocument) -> None:
    cells = [(b.cell, b.text) for b in case.blocks if b.kind == BlockKind.TABLE_CELL]
    assert cells == [
        (TableCellPosition(0, 0, 0), "Mål och delmål"),  # spans two columns
        (TableCellPosition(0, 0, 2), "Aktivitet"),
        (TableCellPosition(0, 1, 0), "Sysselsättning"),  # spans two rows
        (TableCellPosition(0, 1, 1), "Tre dagar i veckan"),
        (TableCellPosition(0, 1, 2), "Daglig verksamhet"),
        (TableCellPosition(0, 2, 1), "Ekonomi"),
        (TableCellPosition(0, 2, 2), "Budget"),
        (TableCellPosition(1, 0, 0), "Inre A"),
        (TableCellPosition(1, 0, 1), "Inre B"),
    ]
    assert all(b.page == 2 for b in case.blocks if b.kind == BlockKind.TABLE_CELL)


def test_header_and_footer_are_furniture_after_the_body(case: ExtractedDocument) -> None:
    furniture = [(b.kind, b.page, b.text) for b in case.blocks if b not in case.body_blocks]
    # The second section inherits the header and footer: each text once.
    assert furniture == [
        (BlockKind.PAGE_HEADER, 1, HEADER),
        (BlockKind.PAGE_FOOTER, 1, "Sekretess enligt 26 kap. 1 § OSL"),
    ]
    assert case.text.endswith(f"Underskrift handläggare\n\n{HEADER}\n\nSekretess enligt 26 kap. 1 § OSL")


def test_offsets_index_the_text(case: ExtractedDocument) -> None:
    for block in case.blocks:
        assert case.text[block.char_start : block.char_end] == block.text
    assert case.text.startswith("Genomförandeplan\n\nÅsa Öberg har stöd")
    assert "\u00a0" not in case.text and "\u00ad" not in case.text


def test_docx_named_pdf_is_read_as_docx(files: dict[str, Path], case: ExtractedDocument) -> None:
    document = extract(files["docx_named.pdf"])
    assert (document.format, document.status) == (FileFormat.DOCX, ExtractionStatus.OK)
    assert document.text == case.text


def test_rendered_page_break_after_an_explicit_one_counts_once() -> None:
    document = extract_bytes(
        docx_bytes(
            '<w:p><w:r><w:t>Sida ett</w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p>'
            "<w:p><w:r><w:lastRenderedPageBreak/><w:t>Sida två</w:t></w:r></w:p>"
            '<w:p><w:r><w:t xml:space="preserve">Fortsätter </w:t></w:r>'
            "<w:r><w:lastRenderedPageBreak/><w:t>över sidbrytning</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>Sida tre</w:t></w:r></w:p>"
        )
    )
    assert [(b.page, b.text) for b in document.blocks] == [
        (1, "Sida ett"),
        (2, "Sida två"),
        (2, "Fortsätter över sidbrytning"),  # a paragraph keeps the page it starts on
        (3, "Sida tre"),
    ]
    assert document.pages == 3


def test_heading_styles_outline_levels_and_bold_lines() -> None:
    document = extract_bytes(
        docx_bytes(
            '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Utredning</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>Bakgrund</w:t></w:r></w:p>'
            "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Insatsens syfte</w:t></w:r></w:p>"
            "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Obs:</w:t></w:r><w:r><w:t> inte rubrik</w:t></w:r></w:p>"
            '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr>'
            "<w:r><w:t>Numrering avstängd</w:t></w:r></w:p>"
            "<w:p/><w:p><w:r><w:t>   </w:t></w:r></w:p>"
        )
    )
    assert [(b.kind, b.text) for b in document.blocks] == [
        (BlockKind.HEADING, "Utredning"),
        (BlockKind.HEADING, "Bakgrund"),
        (BlockKind.HEADING, "Insatsens syfte"),
        (BlockKind.PARAGRAPH, "Obs: inte rubrik"),
        (BlockKind.PARAGRAPH, "Numrering avstängd"),
    ]


def test_text_boxes_tracked_changes_and_fields() -> None:
    document = extract_bytes(
        docx_bytes(
            "<w:p><w:r><w:t>Beslut</w:t></w:r><w:del><w:r><w:delText>struket</w:delText></w:r></w:del>"
            '<w:ins><w:r><w:t xml:space="preserve"> om boendestöd</w:t></w:r></w:ins>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t> (1)</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        )
    )
    assert [b.text for b in document.blocks] == ["Beslut om boendestöd (1)"]


def test_corrupt_docx_is_quarantined(files: dict[str, Path]) -> None:
    document = extract(files["corrupt.docx"])
    assert (document.status, document.format) == (ExtractionStatus.QUARANTINED, FileFormat.DOCX)
    assert document.error is not None and document.error.startswith("corrupt DOCX: ")
    assert "\n" not in document.error


def test_docx_with_only_a_picture_needs_ocr(files: dict[str, Path]) -> None:
    document = extract(files["picture.docx"])
    assert (document.status, document.format) == (ExtractionStatus.NEEDS_OCR, FileFormat.DOCX)
    assert document.pages == 1
    assert document.error == "no text, only pictures (scanned pages pasted into a DOCX?): needs OCR"
