"""The PDF layout heuristics one at a time, on a page drawn line by line with reportlab."""

from __future__ import annotations

from pathlib import Path

from extractors import BlockKind, ExtractionStatus, TableCellPosition, extract


def test_layout_cases(files: dict[str, Path]) -> None:
    document = extract(files["layout.pdf"])
    assert document.status == ExtractionStatus.OK
    assert [(b.kind, b.text) for b in document.blocks] == [
        (BlockKind.HEADING, "Sammanfattning"),  # larger font; printed twice, read once
        (BlockKind.HEADING, "Bakgrund"),  # body size, bold font
        (BlockKind.PARAGRAPH, "Namn: Åsa Öberg"),  # "Label:" lines stay apart at normal line spacing
        (BlockKind.PARAGRAPH, "Personnummer: 19850312-9820"),
        (BlockKind.PARAGRAPH, "Datum 2019-03-14"),  # columns without rules: one line each
        (BlockKind.PARAGRAPH, "Handläggare Karin Ek"),
        (BlockKind.PARAGRAPH, "Beslutet gäller från och med idag."),  # a framed paragraph is no table
        (BlockKind.LIST_ITEM, "första punkten"),
        (BlockKind.LIST_ITEM, "andra punkten"),
        (BlockKind.PARAGRAPH, "Övrigt om stödet i hemmet."),
    ]


def test_table_broken_over_pages_keeps_its_number_and_row_count(files: dict[str, Path]) -> None:
    document = extract(files["long_table.pdf"])
    cells = [b for b in document.blocks if b.kind == BlockKind.TABLE_CELL]
    assert document.pages == 2 and {b.page for b in cells} == {1, 2}
    assert {b.cell.table for b in cells if b.cell} == {0}
    expected = [TableCellPosition(0, row, column) for row in range(70) for column in (0, 1)]
    assert [b.cell for b in cells] == expected
    assert [b.text for b in cells[-2:]] == ["2020-01-14", "Hembesök nummer 69"]
    first_on_page_two = next(b for b in cells if b.page == 2)
    assert first_on_page_two.cell is not None and first_on_page_two.cell.row > 1
