"""A whole document analysed: the provider is never the person's own name."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from extractors import extract
from nlp.analyse import analyse
from nlp.privacy import Pseudonymizer


def test_a_plan_headed_by_the_persons_name_has_no_provider(tmp_path: Path) -> None:
    document = Document()
    lines = ("Göran Lindberg", "Genomförandeplan", "Namn: Göran Lindberg", "Målet är att Göran ska må bra.")
    for line in lines:
        document.add_paragraph(line)
    document.save(tmp_path / "plan.docx")
    analysed = analyse(extract(tmp_path / "plan.docx"), Pseudonymizer(b"k" * 32))
    assert analysed.doc_type == "plan"
    assert analysed.provider is None
    assert [item.text for item in analysed.items] == ["X ska må bra"]
