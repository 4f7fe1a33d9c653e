"""Render the synthetic case files (sample_docs/generator/cases/*.yaml) into sample_docs/export/
as PDF, DOCX or scanned image-only PDF, and write sample_docs/annotations.json.

    python -m sample_docs.generator.build [--check] [--cases GLOB]

Output is deterministic: the same sources give byte-identical files.
"""

from __future__ import annotations

import argparse
import fnmatch
import io
import json
import sys
from datetime import date, datetime
from pathlib import Path

import yaml

from nlp.identity import luhn_valid

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "generator" / "cases"
EXPORT = ROOT / "export"
ANNOTATIONS = ROOT / "annotations.json"
FIXED_TIME = datetime(2020, 1, 1)


def block_texts(document: dict) -> list[str]:
    """The text of every block, as a reader sees it."""
    texts: list[str] = []
    for block in document["blocks"]:
        kind, value = next(iter(block.items()))
        if kind in ("heading", "paragraph"):
            texts.append(str(value))
        elif kind in ("list", "numbered"):
            texts.extend(str(v) for v in value)
        elif kind in ("fields", "table"):
            texts.extend(str(cell) for row in value for cell in row)
    return texts


def check_case(case: dict) -> list[str]:
    problems = []
    person = case["person"]
    digits = "".join(c for c in str(person["personnummer"]) if c.isdigit())
    if len(digits) != 12 or not luhn_valid(digits[2:]):
        problems.append(f"personnummer {person['personnummer']} fails the Luhn check")
    elif ("M" if int(digits[10]) % 2 else "K") != person["gender"] or int(digits[:4]) != person["birth_year"]:
        problems.append("personnummer disagrees with gender or birth year")
    for document in case["documents"]:
        text = "\n".join(block_texts(document))
        if not document.get("doc_date"):
            problems.append(f"{document['file']}: no doc_date")
        wanted = [i["text"] for i in document.get("items", [])] + [
            m["evidence"] for m in document.get("mentions", [])
        ]
        problems.extend(f"{document['file']}: not in the text: {w!r}" for w in wanted if str(w) not in text)
    return problems


# ---------------------------------------------------------------- PDF
def render_pdf(document: dict) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        ListFlowable,
        ListItem,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=6)
    heading = ParagraphStyle(
        "heading", fontName="Helvetica-Bold", fontSize=13, leading=16, spaceBefore=8, spaceAfter=4
    )
    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11)
    header, footer = document.get("page_header"), document.get("page_footer")
    flow = []
    for block in document["blocks"]:
        kind, value = next(iter(block.items()))
        if kind == "heading":
            flow.append(Paragraph(escape(str(value)), heading))
        elif kind == "paragraph":
            flow.append(Paragraph(escape(str(value)), body))
        elif kind in ("list", "numbered"):
            items = [ListItem(Paragraph(escape(str(v)), body), leftIndent=14) for v in value]
            flow.append(
                ListFlowable(
                    items,
                    bulletType="1" if kind == "numbered" else "bullet",
                    start="1" if kind == "numbered" else "•",
                    bulletFontName="Helvetica",
                    leftIndent=14,
                    bulletFontSize=10,
                )
            )
        elif kind in ("fields", "table"):
            rows = [[Paragraph(escape(str(c)), cell) for c in row] for row in value]
            columns = max(len(r) for r in value)
            width = 170 * mm
            widths = (
                [45 * mm, width - 45 * mm]
                if kind == "fields" and columns == 2
                else [width / columns] * columns
            )
            table = Table(rows, colWidths=widths, repeatRows=1 if kind == "table" else 0)
            style = [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            if kind == "table":
                style.append(("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey))
            table.setStyle(TableStyle(style))
            flow.extend([table, Spacer(1, 6)])
        elif kind == "page_break":
            flow.append(PageBreak())

    def furniture(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        if header:
            canvas.drawString(20 * mm, A4[1] - 12 * mm, str(header))
        text = f"{footer}   " if footer else ""
        canvas.drawString(20 * mm, 10 * mm, f"{text}Sida {doc.page}")
        canvas.restoreState()

    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=22 * mm,
        bottomMargin=20 * mm,
        invariant=1,
        title="",
        author="",
        creator="",
        producer="",
    )
    template.build(flow, onFirstPage=furniture, onLaterPages=furniture)
    return buffer.getvalue()


# ---------------------------------------------------------------- DOCX
def render_docx(document: dict) -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK

    doc = Document()
    props = doc.core_properties
    props.author, props.last_modified_by = "Socialtjänsten", "Socialtjänsten"
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    section = doc.sections[0]
    if document.get("page_header"):
        section.header.paragraphs[0].text = str(document["page_header"])
    if document.get("page_footer"):
        section.footer.paragraphs[0].text = str(document["page_footer"])
    for block in document["blocks"]:
        kind, value = next(iter(block.items()))
        if kind == "heading":
            doc.add_heading(str(value), level=2)
        elif kind == "paragraph":
            doc.add_paragraph(str(value))
        elif kind in ("list", "numbered"):
            for v in value:
                doc.add_paragraph(str(v), style="List Number" if kind == "numbered" else "List Bullet")
        elif kind in ("fields", "table"):
            columns = max(len(r) for r in value)
            table = doc.add_table(rows=len(value), cols=columns)
            table.style = "Table Grid"
            for r, row in enumerate(value):
                for c, text in enumerate(row):
                    table.cell(r, c).text = str(text)
        elif kind == "page_break":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _deterministic_zip(buffer.getvalue())


def _deterministic_zip(data: bytes) -> bytes:
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------- scan
def render_scan(document: dict, seed: int) -> bytes:
    import pypdfium2 as pdfium
    from PIL import ImageFilter

    pdf = pdfium.PdfDocument(render_pdf(document))
    pages = []
    for index in range(len(pdf)):
        image = pdf[index].render(scale=200 / 72).to_pil().convert("L")
        angle = 0.4 + (seed + index) % 10 * 0.12
        image = image.rotate(angle if (seed + index) % 2 else -angle, fillcolor=255, expand=False)
        pages.append(image.filter(ImageFilter.GaussianBlur(0.6)))
    buffer = io.BytesIO()
    pages[0].save(
        buffer,
        format="PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=200,
        creationDate=FIXED_TIME.timetuple(),
        modDate=FIXED_TIME.timetuple(),
    )
    return buffer.getvalue()


def render(document: dict, seed: int) -> bytes:
    kind = document["format"]
    if kind == "pdf":
        return render_pdf(document)
    if kind == "docx":
        return render_docx(document)
    if kind == "scan":
        return render_scan(document, seed)
    raise ValueError(f"unknown format {kind}")


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != "blocks"}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def load_cases(pattern: str) -> list[dict]:
    return [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted(CASES.glob("*.yaml"))
        if fnmatch.fnmatch(p.stem, pattern)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="validate the sources only")
    parser.add_argument("--cases", default="*", help="only the case files whose name matches (e.g. 'd0*')")
    args = parser.parse_args(argv)
    cases = load_cases(args.cases)
    problems = [f"{c['case_id']}: {p}" for c in cases for p in check_case(c)]
    files = [d["file"] for c in cases for d in c["documents"]]
    problems.extend(f"duplicate file {f}" for f in sorted({f for f in files if files.count(f) > 1}))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems or args.check:
        print(f"{len(cases)} cases, {len(files)} documents, {len(problems)} problems")
        return 1 if problems else 0
    produced = set()
    for case_number, case in enumerate(cases):
        for doc_number, document in enumerate(case["documents"]):
            target = EXPORT / document["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            data = render(document, case_number * 7 + doc_number)
            if not target.exists() or target.read_bytes() != data:
                target.write_bytes(data)
            produced.add(target)
    if args.cases == "*":
        for stale in [p for p in EXPORT.rglob("*") if p.is_file() and p not in produced]:
            stale.unlink()
        ANNOTATIONS.write_text(
            json.dumps({"cases": _plain(cases)}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    print(f"rendered {len(produced)} documents of {len(cases)} cases into {EXPORT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
