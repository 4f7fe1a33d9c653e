"""PDFium's reading of a page against pdfminer's: the same words in the same places, the same tables,
and so the same blocks."""

from pathlib import Path

import pytest

from extractors.pdf_layout import PageContent, layout_document
from extractors.pdf_pdfminer import read_pages_leniently
from extractors.pdf_read import read_pages

SAMPLE_PDFS = sorted((Path(__file__).resolve().parents[2] / "sample_docs" / "export").rglob("*.pdf"))


def _close(first: tuple[float, ...], second: tuple[float, ...], tolerance: float) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(first, second, strict=True))


def _spans(table) -> list[list[bool]]:
    """Where the table's cells span their neighbours."""
    return [[cell is None for cell in row] for row in table.rows]


def _bullet(text: str) -> str:
    return text.replace("(cid:127)", "•")  # pdfminer does not know the bullet's glyph; PDFium does


def _blocks(pages: list[PageContent]) -> list[tuple[str, str, int]]:
    body, furniture = layout_document(pages)
    return [(b.kind, _bullet(b.text), b.page) for b in body + furniture]


def _assert_same_words_and_tables(fast: list[PageContent], lenient: list[PageContent]) -> None:
    assert len(fast) == len(lenient)
    for ours, theirs in zip(fast, lenient, strict=True):
        assert [w.text for w in ours.words] == [_bullet(w.text) for w in theirs.words]
        for a, b in zip(ours.words, theirs.words, strict=True):
            if a.text == b.text:
                # Glyph advances differ by about 0.1 %, which adds up along a line, and PDFium's box of
                # a glyph like "J" starts left of its origin.
                assert _close((a.x0, a.x1, a.top, a.bottom), (b.x0, b.x1, b.top, b.bottom), 1.5), (a, b)
                assert (a.size, a.bold) == (b.size, b.bold), (a, b)
        assert len(ours.tables) == len(theirs.tables)
        for a, b in zip(ours.tables, theirs.tables, strict=True):
            assert _close(a.bbox, b.bbox, 1.0)
            assert _spans(a) == _spans(b)


@pytest.mark.parametrize("name", ["case.pdf", "layout.pdf", "long_table.pdf", "one_page.pdf"])
def test_pdfium_reads_built_pdfs_as_pdfminer_does(files: dict[str, Path], name: str) -> None:
    data = files[name].read_bytes()
    fast, lenient = read_pages(data), read_pages_leniently(data)
    _assert_same_words_and_tables(fast, lenient)
    assert _blocks(fast) == _blocks(lenient)


def test_pdfium_reads_the_sample_pdfs_as_pdfminer_does() -> None:
    differing = []
    read = 0
    for path in SAMPLE_PDFS:
        fast = read_pages(path.read_bytes())
        if not any(page.words for page in fast):
            continue  # a scan
        read += 1
        lenient = read_pages_leniently(path.read_bytes())
        _assert_same_words_and_tables(fast, lenient)
        if _blocks(fast) != _blocks(lenient):
            differing.append(path.name)
    assert read > 100
    # A line that stops within a fraction of a point of "the next word would have fitted" may end its
    # paragraph in one reading and not in the other; more than that is a difference to look into.
    assert len(differing) <= read // 100, differing


def test_a_line_end_hyphen_is_a_hyphen(files: dict[str, Path]) -> None:
    words = [w.text for page in read_pages(files["case.pdf"].read_bytes()) for w in page.words]
    assert "arbets-" in words and "\x02" not in "".join(words)
