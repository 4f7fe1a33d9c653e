"""The PDF layout heuristics one at a time, on a page drawn line by line with reportlab."""

from __future__ import annotations

from pathlib import Path

from extractors import BlockKind, ExtractionStatus, TableCellPosition, extract
from extractors.pdf_layout import PageContent, TableGrid, Word, layout_document


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


def _line(text: str, top: float, size: float, x0: float = 72.0) -> list[Word]:
    words, x = [], x0
    for part in text.split():
        width = len(part) * size * 0.5
        words.append(Word(part, x, x + width, top, top + size, size, False))
        x += width + size * 0.3
    return words


def test_the_body_size_is_the_running_texts_not_that_of_larger_tables_set_smaller() -> None:
    rows, words = [], []
    for row in range(12):  # a form of 9 pt fields, most of the page's text
        top = 100 + row * 18
        rows.append(((72.0, top, 200.0, top + 18), (200.0, top, 520.0, top + 18)))
        words += _line("Fältets namn", top + 4, 9.0) + _line("Ett värde som fyller cellen", top + 4, 9.0, 205)
    table = TableGrid((72.0, 100.0, 520.0, 316.0), tuple(rows))
    words += _line("Syfte", 340, 12.5)
    running = [
        "Tomas ska få en meningsfull vardag med fasta tider",
        "och komma iväg hemifrån tre dagar i veckan för att",
        "så småningom kunna prova en praktik på en vanlig",
        "arbetsplats med stöd av en handledare i verksamheten",
        "och med samma kontaktperson som i dag",
    ]
    for index, text in enumerate(running):
        words += _line(text, 362 + index * 14, 10.5)
    page = PageContent(1, 595.0, 842.0, words, [table])

    body, _ = layout_document([page])

    free = [(b.kind, b.text) for b in body if b.kind != BlockKind.TABLE_CELL]
    assert free == [(BlockKind.HEADING, "Syfte"), (BlockKind.PARAGRAPH, " ".join(running))]
