"""Items written as lists, tables with wrapping cells, "Label: ..." lines and prose, from real DOCX files."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from extractors import extract
from nlp.items import extract_items


def build_plan(path: Path) -> Path:
    document = Document()
    document.add_heading("Genomförandeplan", level=1)
    document.add_paragraph("Målet med insatsen är att Anna ska kunna arbeta halvtid.")
    document.add_heading("Syfte", level=2)
    document.add_paragraph("Se beställning")
    document.add_heading("Annas delmål", level=2)
    document.add_paragraph("Anna kommer till verksamheten tre dagar i veckan", style="List Bullet")
    document.add_paragraph("Anna lagar lunch en gång i veckan", style="List Bullet")
    document.add_paragraph("Planen följs upp i maj.")
    document.add_paragraph("Anna behöver stöd med:")
    document.add_paragraph("att komma i tid på morgonen", style="List Number")
    table = document.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ("Mål", "Delmål", "Aktivitet", "När"), strict=True):
        cell.text = text
    row = ("Anna ska klara kassan", "Anna räknar kassan själv\nvid dagens slut", "Kassaträning", "fredagar")
    for cell, text in zip(table.rows[1].cells, row, strict=True):
        cell.text = text
    document.add_paragraph("Delmål: Anna tar bussen själv. Hur: personalen följer med. När: i mars.")
    document.add_paragraph("Sida 1 av 1")
    document.save(path)
    return path


def test_items_in_every_form(tmp_path: Path) -> None:
    extracted = extract(build_plan(tmp_path / "plan.docx"))
    items = [(item.kind, item.text) for item in extract_items(extracted)]
    assert items == [
        ("goal", "Anna ska kunna arbeta halvtid"),
        ("subgoal", "Anna kommer till verksamheten tre dagar i veckan"),
        ("subgoal", "Anna lagar lunch en gång i veckan"),
        ("activity", "att komma i tid på morgonen"),
        ("goal", "Anna ska klara kassan"),
        ("subgoal", "Anna räknar kassan själv vid dagens slut"),
        ("activity", "Kassaträning"),
        ("subgoal", "Anna tar bussen själv"),
    ]


def test_item_offsets_point_into_the_document_text(tmp_path: Path) -> None:
    extracted = extract(build_plan(tmp_path / "plan.docx"))
    for item in extract_items(extracted):
        assert extracted.text[item.char_start : item.char_end] == item.text
        assert item.page == 1


def test_items_listed_in_one_sentence_and_in_clauses(tmp_path: Path) -> None:
    document = Document()
    document.add_heading("Mål med insatsen", level=2)
    document.add_paragraph(
        "Anna ska på sikt kunna arbeta. Under beslutsperioden är delmålen att Anna kommer tre dagar "
        "i veckan och att hon sköter kassan."
    )
    document.add_paragraph("Hon behöver stöd med att hålla tider, med att ringa och med att planera raster.")
    document.add_paragraph("Insatsen syftar till att Anna får struktur, och målet är att hon arbetstränar.")
    document.add_paragraph("Delmålet till hösten är att Anna går med i promenadgruppen.")
    document.save(tmp_path / "order.docx")
    items = [(item.kind, item.text) for item in extract_items(extract(tmp_path / "order.docx"))]
    assert items == [
        ("goal", "Anna ska på sikt kunna arbeta"),
        ("subgoal", "Anna kommer tre dagar i veckan"),
        ("subgoal", "hon sköter kassan"),
        ("activity", "att hålla tider"),
        ("activity", "att ringa"),
        ("activity", "att planera raster"),
        ("purpose", "Anna får struktur"),
        ("goal", "hon arbetstränar"),
        ("subgoal", "Anna går med i promenadgruppen"),
    ]


def test_a_table_of_labels_and_values(tmp_path: Path) -> None:
    document = Document()
    rows = [
        ("Syfte med insatsen", "Elvira ska bryta sin isolering."),
        ("Delmål 1", "Elvira deltar två förmiddagar i veckan."),
        ("Elvira behöver stöd med", "att hålla tider; att hitta en fritidsaktivitet."),
        ("Övrig information", "Elvira har två barn."),
    ]
    table = document.add_table(rows=len(rows), cols=2)
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = label, value
    document.save(tmp_path / "order.docx")
    items = [(item.kind, item.text) for item in extract_items(extract(tmp_path / "order.docx"))]
    assert items == [
        ("purpose", "Elvira ska bryta sin isolering"),
        ("subgoal", "Elvira deltar två förmiddagar i veckan"),
        ("activity", "att hålla tider"),
        ("activity", "att hitta en fritidsaktivitet"),
    ]
