"""Twins: the documents that sample_docs/ holds both as scan and as text, for `make eval`'s side by side."""

import json
from pathlib import Path

import pypdfium2 as pdfium

from sample_docs.generator.checks import check_files
from sample_docs.generator.source import ANNOTATIONS, EXPORT, TWINS, twin

ORDER = {"file": "Farsta/Test/beställning.docx", "format": "docx", "doc_type": "order"}


def test_a_scan_has_a_text_twin_and_a_scanned_copy_a_scan_twin() -> None:
    scan = {**ORDER, "file": "Farsta/Test/skannad.pdf", "format": "scan"}
    assert twin(scan) == {**scan, "format": "pdf"}
    copied = twin({**ORDER, "scanned_copy": True})
    assert copied is not None
    assert (copied["format"], copied["file"]) == ("scan", "Farsta/Test/beställning.pdf")
    assert twin(ORDER) is None


def test_a_twin_may_not_take_another_twins_path() -> None:
    both = {
        "d90": {"documents": [{**ORDER, "scanned_copy": True}]},
        "d91": {"documents": [{**ORDER, "file": "Farsta/Test/beställning.pdf", "format": "scan"}]},
    }
    problems = check_files(both)
    assert problems.keys() == {"d90", "d91"}
    assert "twins/farsta/test/beställning.pdf" in problems["d90"][0]


def _text_layer(path: Path) -> bool:
    pdf = pdfium.PdfDocument(path)
    try:
        return any(page.get_textpage().count_chars() for page in pdf)
    finally:
        pdf.close()


def test_the_committed_twins_are_the_annotated_ones_in_the_other_form() -> None:
    cases = json.loads(ANNOTATIONS.read_text(encoding="utf-8"))["cases"]
    twinned = [d for case in cases for d in case["documents"] if d.get("twin")]
    assert {d["format"] for d in twinned} == {"scan", "pdf", "docx"}
    assert {d["doc_type"] for d in twinned if d["format"] != "scan"} == {"order", "plan"}
    assert sorted(TWINS / d["twin"] for d in twinned) == sorted(p for p in TWINS.rglob("*") if p.is_file())
    for document in twinned:
        scan_path = EXPORT / document["file"] if document["format"] == "scan" else TWINS / document["twin"]
        text_path = TWINS / document["twin"] if document["format"] == "scan" else EXPORT / document["file"]
        assert not _text_layer(scan_path) and text_path.is_file(), document["file"]
        if text_path.suffix == ".pdf":
            assert _text_layer(text_path), document["file"]
