"""Scans read by OCR: real Tesseract (Swedish) on image-only PDFs rendered as sample_docs renders
its scans."""

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors import BlockKind, ExtractionStatus, extract, extract_bytes, ocr
from sample_docs.generator.render_scan import render_scan

PLAN = {
    "file": "Farsta/Test/skannad plan.pdf",
    "format": "scan",
    "page_numbers": "none",
    "blocks": [
        {"heading": "Genomförandeplan"},
        {"paragraph": "Målet med insatsen är att Tomas har en stabil vardag och är aktiv ute."},
        {"paragraph": "Delmål: Tomas kommer till caféet tisdag och torsdag förmiddag."},
    ],
}


# Rendered at 150 dpi (the lowest of render_scan's resolutions) for this file name.
TABLED_PLAN = {
    "file": "Bromma/Test/plan med tabell.pdf",
    "format": "scan",
    "page_numbers": "none",
    "blocks": [
        {"heading": "Genomförandeplan"},
        {"fields": [["Namn", "Tomas Berg"], ["Upprättad", "7 oktober 2019"]]},
        {
            "table": [
                ["Mål", "Delmål", "Hur"],
                ["Tomas har en stabil vardag", "Tomas kommer tisdag och torsdag", "Fasta tider varje vecka"],
                ["", "Tomas lagar lunch själv", "Handledaren visar första gången"],
            ]
        },
        {"heading": "Stöd"},
        {"list": ["Sms kvällen innan han ska komma", "Paus i personalrummet kl. 10"]},
    ],
}


@pytest.fixture
def without_tesseract(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    ocr.unavailable.cache_clear()
    yield
    ocr.unavailable.cache_clear()


def test_a_scan_is_read_by_ocr_with_its_confidence() -> None:
    document = extract_bytes(render_scan(PLAN))
    assert document.status == ExtractionStatus.OK, document.error
    assert (document.pages, document.ocr_pages) == (1, 1)
    assert document.ocr_confidence is not None and document.ocr_confidence > 70
    text = " ".join(document.text.split())
    assert "Genomförandeplan" in text
    assert "stabil vardag" in text and "tisdag och torsdag" in text


def test_a_tilted_page_is_straightened() -> None:
    font = ImageFont.truetype("DejaVuSans.ttf", 28)
    image = Image.new("L", (1600, 1200), 255)
    for line in range(12):
        ImageDraw.Draw(image).text(
            (80, 80 + 80 * line), "Tomas kommer till caféet tisdag och torsdag", font=font
        )
    tilted = image.rotate(1.2, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert ocr.skew(tilted) == pytest.approx(-1.2, abs=0.2)
    assert ocr.skew(image) == pytest.approx(0.0, abs=0.15)


def test_without_tesseract_a_scan_stays_needs_ocr_and_says_what_to_install(without_tesseract) -> None:
    document = extract_bytes(render_scan(PLAN))
    assert document.status == ExtractionStatus.NEEDS_OCR
    assert document.error == ocr.MISSING and "tesseract-ocr-swe" in document.error


def test_pages_with_text_are_never_ocred(files: dict[str, Path]) -> None:
    document = extract(files["partly_scanned.pdf"])
    assert (document.status, document.pages, document.ocr_pages) == (ExtractionStatus.OK, 2, 1)
    assert document.blocks[0].page == 1 and document.blocks[0].text == "Journalanteckning 2020-05-04"
    assert all(block.page == 2 for block in document.blocks[1:])


def test_a_scanned_ruled_table_keeps_its_cells_and_a_list_its_bullets() -> None:
    document = extract_bytes(render_scan(TABLED_PLAN))
    assert document.status == ExtractionStatus.OK, document.error
    cells = {
        (b.cell.table, b.cell.row, b.cell.column): " ".join(b.text.split())
        for b in document.blocks
        if b.cell is not None
    }
    assert cells[(0, 1, 1)] == "7 oktober 2019"
    assert cells[(1, 0, 1)] == "Delmål"
    assert cells[(1, 1, 1)] == "Tomas kommer tisdag och torsdag"
    assert cells[(1, 2, 2)] == "Handledaren visar första gången"
    assert not any("|" in text for text in cells.values())  # the rules are not read as letters
    items = [b.text for b in document.blocks if b.kind == BlockKind.LIST_ITEM]
    assert items == ["Sms kvällen innan han ska komma", "Paus i personalrummet kl. 10"]
