"""Small real PDF and DOCX files for the extractor tests, built once per test session."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from PIL import Image, ImageDraw
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from flows.faults import LEGACY_DOC, NO_PAGES_PDF, RTF_LETTER, odt_file, zip_bomb

HEADER = "Farsta stadsdelsförvaltning"
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=14, spaceAfter=8)
HEADING = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=16, leading=20, spaceAfter=8)
CELL = ParagraphStyle("cell", fontName="Helvetica", fontSize=10, leading=12)

WRAPPED_PARAGRAPH = (
    "Åsa har sedan våren 2019 haft stöd av boendestödjare två gånger i veckan och önskar nu att stödet "
    "ska inriktas mer på sysselsättning och på att hon själv ska klara sin ekonomi. Hon är nöjd med "
    "stödet hittills."
)
BULLETS = ["Handla mat en gång i veckan", "Städa lägenheten med stöd"]
NUMBERED = ["Komma iväg till sysselsättningen", "Betala räkningar i tid"]
HYPHEN_LEAD = "Hon vill ha hjälp att ta kontakt med handläggaren på Försäkringskassan och med arbets-"
HYPHEN_REST = "förmedlingen i Farsta under hösten."
TABLE_ROWS = [
    ["Mål", "Aktivitet", "Ansvarig"],
    ["Kontakt med psykiatrin varannan vecka enligt överenskommelse", "Följa med på besök", "Boendestödjare"],
    ["Klara sin ekonomi själv", "Gå igenom räkningar varje månad tillsammans", "Åsa Öberg"],
]


def _full_line(lead: str, width: float) -> str:
    """``lead`` padded in front with filler words so that it nearly fills a line of ``width`` points."""
    fillers = ["Det", "framgår", "av", "utredningen", "att"]
    words: list[str] = []
    while fillers and stringWidth(" ".join([*words, fillers[0], lead]), "Helvetica", 11) < width - 4:
        words.append(fillers.pop(0))
    return " ".join([*words, lead])


def _decorate(pdf_canvas: canvas.Canvas, document: SimpleDocTemplate) -> None:
    pdf_canvas.saveState()
    pdf_canvas.setFont("Helvetica", 9)
    pdf_canvas.drawString(72, A4[1] - 40, HEADER)
    pdf_canvas.drawString(72, 30, f"Sida {document.page} av 3")
    pdf_canvas.restoreState()


def build_case_pdf(path: Path) -> Path:
    """Three pages: heading, wrapped paragraph, bullets; numbered list, hyphenated word; a table."""
    document = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=72, rightMargin=72)
    bullets = ListFlowable(
        [ListItem(Paragraph(text, BODY)) for text in BULLETS],
        bulletType="bullet",
        start="•",
        bulletFontName="Helvetica",
    )
    numbered = ListFlowable(
        [ListItem(Paragraph(text, BODY)) for text in NUMBERED],
        bulletType="1",
        bulletFormat="%s.",
        bulletFontName="Helvetica",
    )
    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    table = Table(
        [[Paragraph(text, CELL) for text in row] for row in TABLE_ROWS],
        colWidths=[150, 150, 120],
        style=TableStyle(grid),
    )
    story = [
        Paragraph("Genomförandeplan för Åsa Öberg", HEADING),
        Paragraph(WRAPPED_PARAGRAPH, BODY),
        bullets,
        PageBreak(),
        Paragraph("Mål med insatsen", HEADING),
        numbered,
        Paragraph(f"{_full_line(HYPHEN_LEAD, document.width)}<br/>{HYPHEN_REST}", BODY),
        PageBreak(),
        Paragraph("Aktiviteter", HEADING),
        table,
        Paragraph("Planen följs upp i december.", BODY),
    ]
    document.build(story, onFirstPage=_decorate, onLaterPages=_decorate)
    return path


def build_scanned_pdf(path: Path, pages: int = 2) -> Path:
    image = Image.new("RGB", (620, 877), "white")
    ImageDraw.Draw(image).text((60, 60), "Journalanteckning (skannad)", fill="black")
    image.save(path, save_all=True, append_images=[image] * (pages - 1), resolution=72.0)
    return path


def build_partly_scanned_pdf(path: Path) -> Path:
    """Page 1 has text; page 2 is only an image."""
    pdf_canvas = canvas.Canvas(str(path), pagesize=A4)
    pdf_canvas.setFont("Helvetica", 11)
    pdf_canvas.drawString(72, 760, "Journalanteckning 2020-05-04")
    pdf_canvas.showPage()
    image = Image.new("RGB", (400, 300), "white")
    ImageDraw.Draw(image).text((20, 20), "handskrivet", fill="black")
    pdf_canvas.drawImage(ImageReader(image), 72, 400, width=400, height=300)
    pdf_canvas.showPage()
    pdf_canvas.save()
    return path


def build_one_page_pdf(path: Path) -> Path:
    pdf_canvas = canvas.Canvas(str(path), pagesize=A4)
    pdf_canvas.setFont("Helvetica", 9)
    pdf_canvas.drawString(72, A4[1] - 40, HEADER)
    pdf_canvas.setFont("Helvetica", 11)
    pdf_canvas.drawString(72, 700, "Beslut om boendestöd enligt 4 kap. 1 § SoL.")
    pdf_canvas.setFont("Helvetica", 9)
    pdf_canvas.drawString(72, 30, "Sida 1 av 1")
    pdf_canvas.save()
    return path


def build_encrypted_pdf(path: Path, user_password: str = "hemligt") -> Path:
    encryption = StandardEncryption(user_password, ownerPassword="ägare")
    pdf_canvas = canvas.Canvas(str(path), pagesize=A4, encrypt=encryption)
    pdf_canvas.drawString(72, 700, "Sekretessbelagd utredning för Åsa Öberg")
    pdf_canvas.save()
    return path


def build_case_docx(path: Path) -> Path:
    """Heading, lists, a merged-cell table with a nested table, header/footer, page breaks."""
    document = Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    section.footer.paragraphs[0].text = "Sekretess enligt 26 kap. 1 § OSL"
    document.add_heading("Genomförandeplan", level=1)
    document.add_paragraph("Åsa\u00a0Öberg har stöd av boende\u00adstödjare   två gånger i veckan.")
    document.add_paragraph("")
    document.add_paragraph("Handla mat", style="List Bullet")
    document.add_paragraph("Städa lägenheten", style="List Number")
    _numbered_paragraph(document, "Betala räkningar i tid")
    document.add_paragraph("• Ringa psykiatrin")
    document.add_page_break()
    document.add_heading("Mål med insatsen", level=2)
    _content_control(document, "Åsa ska ha en meningsfull sysselsättning.")
    table = document.add_table(rows=3, cols=3)
    values_by_row = [
        ["Mål", "Delmål", "Aktivitet"],
        ["Sysselsättning", "", "Daglig verksamhet"],
        ["", "Ekonomi", "Budget"],
    ]
    for row, values in zip(table.rows, values_by_row, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Mål och delmål"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Sysselsättning"
    table.cell(1, 1).text = "Tre dagar i veckan"
    table.cell(2, 2).add_table(rows=1, cols=2)
    inner = table.cell(2, 2).tables[0]
    inner.cell(0, 0).text = "Inre A"
    inner.cell(0, 1).text = "Inre B"
    following = document.add_paragraph("Uppföljning sker i december.")
    following.paragraph_format.page_break_before = True
    document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("Underskrift handläggare")
    document.save(path)
    return path


def _numbered_paragraph(document: Document, text: str) -> None:
    """A Normal paragraph numbered by direct ``w:numPr``, as Word writes a list started by hand."""
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
    )


def _content_control(document: Document, text: str) -> None:
    """A paragraph inside a ``w:sdt`` content control, which python-docx's iterators skip."""
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    body = document.element.body
    body.insert(len(body) - 1, sdt)  # before the final w:sectPr


def build_corrupt_docx(path: Path) -> Path:
    """A ZIP with word/document.xml but no package structure python-docx can open."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>")
    return path


def docx_bytes(body_xml: str) -> bytes:
    """A DOCX from python-docx's template with the body replaced by ``body_xml`` (w: elements)."""
    document = Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for element in parse_xml(f"<w:body {nsdecls('w')}>{body_xml}</w:body>"):
        body.insert(len(body) - 1, element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every test file, by name; extensions deliberately lie for two of them."""
    root = tmp_path_factory.mktemp("extractor-files")
    built = {
        "case.pdf": build_case_pdf(root / "case.pdf"),
        "scan.pdf": build_scanned_pdf(root / "scan.pdf"),
        "partly_scanned.pdf": build_partly_scanned_pdf(root / "partly_scanned.pdf"),
        "one_page.pdf": build_one_page_pdf(root / "one_page.pdf"),
        "encrypted.pdf": build_encrypted_pdf(root / "encrypted.pdf"),
        "owner_only.pdf": build_encrypted_pdf(root / "owner_only.pdf", user_password=""),
        "case.docx": build_case_docx(root / "case.docx"),
        "corrupt.docx": build_corrupt_docx(root / "corrupt.docx"),
        "layout.pdf": build_layout_pdf(root / "layout.pdf"),
        "long_table.pdf": build_long_table_pdf(root / "long_table.pdf"),
        "picture.docx": build_picture_docx(root / "picture.docx"),
    }
    case_pdf = built["case.pdf"].read_bytes()
    extra = {
        "truncated.pdf": case_pdf[: len(case_pdf) // 2],
        "bomb.docx": zip_bomb(),
        "document.odt": odt_file(),
        "legacy.doc": LEGACY_DOC,
        "letter.rtf": RTF_LETTER,
        "empty.pdf": b"",
        "notes.txt": "Anteckning: ring Åsa på måndag.\n".encode(),
        "docx_named.pdf": built["case.docx"].read_bytes(),
        "pdf_named.docx": case_pdf,
        "no_pages.pdf": NO_PAGES_PDF,
    }
    for name, data in extra.items():
        (root / name).write_bytes(data)
        built[name] = root / name
    return built


def build_layout_pdf(path: Path) -> Path:
    """One page of layout cases: bold heading at body size, label lines, columns without rules, a framed
    paragraph, letter and parenthesis enumerators, and a line printed twice to fake bold type."""
    pdf_canvas = canvas.Canvas(str(path), pagesize=A4)
    y = 780.0

    def line(text: str, font: str = "Helvetica", x: float = 72, step: float = 14, size: float = 11) -> None:
        nonlocal y
        pdf_canvas.setFont(font, size)
        pdf_canvas.drawString(x, y, text)
        y -= step

    line("Sammanfattning", size=14, step=0)
    pdf_canvas.drawString(72.3, y, "Sammanfattning")  # the same glyphs again, 0.3 pt to the right
    y -= 24
    line("Bakgrund", font="Helvetica-Bold", step=18)
    line("Namn: Åsa Öberg")
    line("Personnummer: 19850312-9820", step=22)
    line("Datum", step=0)
    line("2019-03-14", x=300)
    line("Handläggare", step=0)
    line("Karin Ek", x=300, step=22)
    pdf_canvas.rect(66, y - 6, 300, 20)  # a frame around one paragraph
    line("Beslutet gäller från och med idag.", step=30)
    line("a) första punkten")
    line("2) andra punkten", step=22)
    line("Övrigt om stödet i hemmet.")
    pdf_canvas.save()
    return path


def build_long_table_pdf(path: Path, rows: int = 70) -> Path:
    """A ruled table long enough to break over two pages."""
    document = SimpleDocTemplate(str(path), pagesize=A4)
    data = [["Datum", "Anteckning"]]
    data += [[f"2020-01-{n % 28 + 1:02d}", f"Hembesök nummer {n}"] for n in range(1, rows)]
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    table = Table(data, colWidths=[100, 250], style=grid)
    document.build([Paragraph("Journal", HEADING), table])
    return path


def build_picture_docx(path: Path) -> Path:
    """A DOCX holding only a picture: a scan pasted into Word."""
    image = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(image, format="PNG")
    image.seek(0)
    document = Document()
    document.add_picture(image)
    document.save(path)
    return path
