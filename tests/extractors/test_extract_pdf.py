"""PDF extraction on real files made with reportlab and PIL."""

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
    ocr,
)
from extractors.pdf import UNREADABLE_TEXT_LAYER, _mostly_unmapped
from extractors.pdf_layout import PageContent, Word
from tests.extractors.conftest import HEADER, HYPHEN_REST, TABLE_ROWS, WRAPPED_PARAGRAPH


@pytest.fixture(scope="module")
def case(files: dict[str, Path]) -> ExtractedDocument:
    return extract(files["case.pdf"])


def kinds_and_texts(document: ExtractedDocument, page: int) -> list[tuple[BlockKind, str]]:
    return [(b.kind, b.text) for b in document.body_blocks if b.page == page]


def test_case_pdf_is_read(case: ExtractedDocument) -> None:
    assert (case.status, case.format, case.error) == (ExtractionStatus.OK, FileFormat.PDF, None)
    assert case.pages == 3


def test_page_one_heading_wrapped_paragraph_and_bullets(case: ExtractedDocument) -> None:
    assert kinds_and_texts(case, 1) == [
        (BlockKind.HEADING, "Genomförandeplan för Åsa Öberg"),
        (BlockKind.PARAGRAPH, WRAPPED_PARAGRAPH),
        (BlockKind.LIST_ITEM, "Handla mat en gång i veckan"),
        (BlockKind.LIST_ITEM, "Städa lägenheten med stöd"),
    ]


def test_page_two_numbered_list_and_hyphenated_word(case: ExtractedDocument) -> None:
    blocks = kinds_and_texts(case, 2)
    assert blocks[:3] == [
        (BlockKind.HEADING, "Mål med insatsen"),
        (BlockKind.LIST_ITEM, "Komma iväg till sysselsättningen"),
        (BlockKind.LIST_ITEM, "Betala räkningar i tid"),
    ]
    kind, text = blocks[3]
    assert kind == BlockKind.PARAGRAPH and len(blocks) == 4
    assert text.endswith(f"med arbets{HYPHEN_REST}")  # "arbets-" + "förmedlingen" rejoined
    assert "arbetsförmedlingen" in text and "arbets-" not in text


def test_table_cells_one_block_each_with_wrapped_text_joined(case: ExtractedDocument) -> None:
    cells = [b for b in case.blocks if b.kind == BlockKind.TABLE_CELL]
    assert [b.text for b in cells] == [text for row in TABLE_ROWS for text in row]
    assert [b.cell for b in cells] == [
        TableCellPosition(0, row, column) for row in range(3) for column in range(3)
    ]
    assert {b.page for b in cells} == {3}


def test_table_words_are_not_repeated_as_paragraphs(case: ExtractedDocument) -> None:
    assert kinds_and_texts(case, 3)[0] == (BlockKind.HEADING, "Aktiviteter")
    assert kinds_and_texts(case, 3)[-1] == (BlockKind.PARAGRAPH, "Planen följs upp i december.")
    outside = [b.text for b in case.body_blocks if b.kind != BlockKind.TABLE_CELL]
    assert not any("psykiatrin" in text or "Boendestödjare" in text for text in outside)
    assert case.text.count("Kontakt med psykiatrin") == 1


def test_repeating_header_and_footer_are_furniture(case: ExtractedDocument) -> None:
    furniture = [(b.kind, b.page, b.text) for b in case.blocks if b not in case.body_blocks]
    header, footer = BlockKind.PAGE_HEADER, BlockKind.PAGE_FOOTER
    assert furniture == [
        item for page in (1, 2, 3) for item in ((header, page, HEADER), (footer, page, f"Sida {page} av 3"))
    ]
    assert not any(HEADER in b.text or b.text.startswith("Sida") for b in case.body_blocks)


def test_offsets_index_the_text_and_furniture_follows_the_body(case: ExtractedDocument) -> None:
    for block in case.blocks:
        assert case.text[block.char_start : block.char_end] == block.text
    body_end = max(b.char_end for b in case.body_blocks)
    assert all(b.char_start > body_end for b in case.blocks if b not in case.body_blocks)
    assert case.text.startswith("Genomförandeplan för Åsa Öberg\n\nÅsa har sedan våren 2019")
    assert "Handla mat en gång i veckan\nStäda lägenheten med stöd\n\nMål med insatsen" in case.text


def test_one_page_document_keeps_its_top_line_as_body(files: dict[str, Path]) -> None:
    document = extract(files["one_page.pdf"])
    assert document.status == ExtractionStatus.OK and document.pages == 1
    assert [b.text for b in document.body_blocks] == [
        HEADER,
        "Beslut om boendestöd enligt 4 kap. 1 § SoL.",
        "Sida 1 av 1",
    ]
    assert all(b.kind == BlockKind.PARAGRAPH for b in document.blocks)


def test_image_only_pdf_needs_ocr_without_tesseract(files: dict[str, Path], monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    ocr.unavailable.cache_clear()
    try:
        document = extract(files["scan.pdf"])
    finally:
        ocr.unavailable.cache_clear()
    assert document.status == ExtractionStatus.NEEDS_OCR
    assert document.error == ocr.MISSING
    assert (document.format, document.pages, document.blocks, document.text) == (FileFormat.PDF, 2, [], "")


def test_encrypted_pdf_is_quarantined(files: dict[str, Path]) -> None:
    document = extract(files["encrypted.pdf"])
    assert (document.status, document.format) == (ExtractionStatus.QUARANTINED, FileFormat.PDF)
    assert document.error == "encrypted PDF (password required)"
    assert document.blocks == [] and document.text == ""


def test_pdf_encrypted_with_only_an_owner_password_is_read(files: dict[str, Path]) -> None:
    document = extract(files["owner_only.pdf"])
    assert document.status == ExtractionStatus.OK
    assert document.text == "Sekretessbelagd utredning för Åsa Öberg"


def test_truncated_pdf_is_quarantined(files: dict[str, Path]) -> None:
    document = extract(files["truncated.pdf"])
    assert (document.status, document.format) == (ExtractionStatus.QUARANTINED, FileFormat.PDF)
    assert document.error == "corrupt PDF: unexpected end of file (truncated?)"


def test_damaged_pdf_is_quarantined_with_the_parser_message_on_one_line() -> None:
    damaged = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + b"\x00\x07garbage " * 40
    document = extract_bytes(damaged)
    assert (document.status, document.format) == (ExtractionStatus.QUARANTINED, FileFormat.PDF)
    assert document.error is not None and document.error.startswith("corrupt PDF: ")
    assert document.error.isprintable() and len(document.error) <= 160


def test_pdf_without_pages_is_quarantined(files: dict[str, Path]) -> None:
    document = extract(files["no_pages.pdf"])
    assert (document.status, document.error) == (ExtractionStatus.QUARANTINED, "PDF has no pages")


def test_pdf_named_docx_is_read_as_pdf(files: dict[str, Path], case: ExtractedDocument) -> None:
    document = extract(files["pdf_named.docx"])
    assert (document.format, document.status) == (FileFormat.PDF, ExtractionStatus.OK)
    assert document.text == case.text


def test_text_layer_of_unmapped_glyphs_needs_ocr() -> None:
    def page(*texts: str) -> PageContent:
        words = [Word(text, 0, 10, 0, 10, 11, False) for text in texts]
        return PageContent(1, 595, 842, words, [])

    assert _mostly_unmapped([page("(cid:12)(cid:40)(cid:3)", "(cid:7)")])
    assert not _mostly_unmapped([page("(cid:127)", "Handla", "mat")])  # a bullet only
    assert UNREADABLE_TEXT_LAYER.endswith("needs OCR")
