"""`make faults`: bad files mixed with good ones through the real nightly flow, and what became of each.

Builds every kind of bad input the export may hold (corrupt, encrypted, page-less, scanned, empty,
truncated, zip bomb, legacy formats, lying extensions, 0 bytes, 2,000 pages, unreadable, odd names),
copies two sample cases beside them, runs the flow into a fresh warehouse and prints, per file, the
status and error the warehouse recorded next to the status expected.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "sample_docs" / "export"
GOOD_CASES = ("Bromma", "Farsta_2023")

NO_PAGES_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
LEGACY_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le")
RTF_LETTER = b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Hej \\'e5\\'e4\\'f6\\par}"


@dataclass(frozen=True, slots=True)
class Fault:
    name: str  # the file's name under the export's faults/ folder
    what: str
    expected: str  # the status the warehouse should record: ok | needs_ocr | quarantined | copy


def text_pdf(lines: list[str], pages: int = 1, password: str | None = None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    encrypt = StandardEncryption(password, ownerPassword="ägare") if password else None
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    for number in range(1, pages + 1):
        for row, line in enumerate(lines):
            pdf.drawString(72, 760 - 16 * row, line.format(page=number))
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def scanned_pdf(pages: int = 2) -> bytes:
    """A scan of a page with a drawing and no writing: nothing for OCR to read."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (620, 877), "white")
    ImageDraw.Draw(image).ellipse((120, 200, 500, 600), outline="black", width=6)
    buffer = io.BytesIO()
    image.save(buffer, "PDF", save_all=True, append_images=[image] * (pages - 1), resolution=72.0)
    return buffer.getvalue()


def docx_file(paragraphs: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb(declared_mb: int = 256) -> bytes:
    """A DOCX-shaped ZIP whose zeros entry declares hundreds of MB but takes about 1 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        chunk = bytes(16 * 1024 * 1024)
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as entry:
            for _ in range(declared_mb // 16):
                entry.write(chunk)
    return buffer.getvalue()


def odt_file() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def _journal(note: str) -> list[str]:
    """A journal page; each file gets its own note, so that only the copy repeats another's bytes."""
    return ["Journalanteckning 2023-05-04", f"{note} Sida {{page}}."]


def _builders() -> list[tuple[Fault, Callable[[], bytes]]]:
    plan = docx_file(["Genomförandeplan", "Mål: komma ut på dagarna", "Aktiviteter: promenad varje dag"])
    return [
        (
            Fault("trasig.pdf", "corrupt PDF", "quarantined"),
            lambda: b"%PDF-1.7\n1 0 obj\n<< /Ty" + bytes(300),
        ),
        (
            Fault("krypterad.pdf", "PDF encrypted with a password", "quarantined"),
            lambda: text_pdf(_journal("Låst."), password="x"),
        ),
        (Fault("utan sidor.pdf", "PDF with no pages", "quarantined"), lambda: NO_PAGES_PDF),
        (
            Fault("inskannad plan.pdf", "image-only PDF (a scan) with nothing to read", "needs_ocr"),
            scanned_pdf,
        ),
        (Fault("tom.docx", "DOCX without any text", "quarantined"), lambda: docx_file([])),
        (Fault("avkortad.docx", "truncated DOCX", "quarantined"), lambda: plan[: len(plan) // 2]),
        (Fault("zipbomb.docx", "DOCX that inflates to 256 MB (zip bomb)", "quarantined"), zip_bomb),
        (Fault("gammal.doc", "legacy Word .doc", "quarantined"), lambda: LEGACY_DOC),
        (Fault("brev.rtf", "RTF letter", "quarantined"), lambda: RTF_LETTER),
        (Fault("anteckning.odt", "OpenDocument text", "quarantined"), odt_file),
        (
            Fault("egentligen pdf.docx", "a PDF named .docx", "ok"),
            lambda: text_pdf(_journal("Samtal om boendet.")),
        ),
        (
            Fault("bild.pdf", "a PNG image named .pdf", "quarantined"),
            lambda: b"\x89PNG\r\n\x1a\n" + bytes(64),
        ),
        (Fault("noll.pdf", "0-byte file", "quarantined"), lambda: b""),
        (
            Fault("2000 sidor.pdf", "2,000-page PDF", "quarantined"),
            lambda: text_pdf(_journal("Lång akt."), pages=2000),
        ),
        (Fault("Ärende #7 – ÅÄÖ (kopia) 'x'.docx", "name with odd characters", "ok"), lambda: plan),
        (Fault("rad\nbrytning.pdf", "name with a line break", "ok"), lambda: text_pdf(_journal("Hembesök."))),
        (Fault("ärende 7 igen.docx", "the same bytes as another file", "copy"), lambda: plan),
    ]


# Built by hand: they are not made of bytes. Permissions do not stop root, who reads the file anyway.
_UNREADABLE = Fault(
    "oläsbar.pdf",
    "file without read permission" + (" (root reads it anyway)" if os.geteuid() == 0 else ""),
    "ok" if os.geteuid() == 0 else "quarantined",
)
_BROKEN_LINK = Fault("borta.pdf", "link to a file that does not exist", "quarantined")
_NOT_UTF8 = b"latin1 \xe5tg\xe4rd.pdf"


def build_faults(folder: Path) -> list[Fault]:
    """Write every bad file into ``folder``; returns what each is and the status it should get."""
    folder.mkdir(parents=True, exist_ok=True)
    faults = []
    for fault, build in _builders():
        (folder / fault.name).write_bytes(build())
        faults.append(fault)
    unreadable = folder / _UNREADABLE.name
    unreadable.write_bytes(text_pdf(_journal("Utan läsrätt.")))
    unreadable.chmod(0)
    (folder / _BROKEN_LINK.name).symlink_to(folder / "finns-inte.pdf")
    not_utf8 = os.fsdecode(_NOT_UTF8)
    (folder / not_utf8).write_bytes(text_pdf(_journal("Från en zip.")))
    return [
        *faults,
        _UNREADABLE,
        _BROKEN_LINK,
        Fault(not_utf8, "name that is not UTF-8 (a Windows zip)", "ok"),
    ]


def build_export(root: Path) -> list[Fault]:
    """An export of two good sample cases and, in faults/, every bad file."""
    for case in GOOD_CASES:
        shutil.copytree(SAMPLES / case, root / case)
    return build_faults(root / "faults")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.faults", description=__doc__)
    parser.add_argument("--keep", type=Path, help="build the export and warehouse here and keep them")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="aktgranskning-faults-"))
    try:
        return _run(folder)
    finally:
        if args.keep is None:
            (folder / "export" / "faults" / _UNREADABLE.name).chmod(0o600)
            shutil.rmtree(folder, ignore_errors=True)


def _run(folder: Path) -> int:
    from flows.nightly import key_file_for, nightly
    from nlp.privacy import Pseudonymizer, load_or_create_key
    from warehouse.publish import open_for_reading

    export, database = folder / "export", folder / "faults.duckdb"
    faults = build_export(export)
    nightly(str(export), str(database))
    pseudonymizer = Pseudonymizer(load_or_create_key(key_file_for(database)))
    with open_for_reading(database) as con:
        rows = con.execute(
            "SELECT path_key, CASE WHEN copy_of IS NOT NULL THEN 'copy' ELSE status END, error FROM documents"
        ).fetchall()
        good = con.execute("SELECT count(*) FROM documents WHERE source_path NOT LIKE 'faults/%'").fetchone()[
            0
        ]
    recorded = {key: (status, error) for key, status, error in rows}
    print(f"\n{'file':<38} {'what':<52} {'expected':<12} {'recorded':<12} error")
    wrong = 0
    for fault in faults:
        status, error = recorded.get(pseudonymizer.path_key(f"faults/{fault.name}"), ("MISSING", ""))
        wrong += status != fault.expected
        name = fault.name.encode("utf-8", "backslashreplace").decode().replace("\n", "\\n")
        mark = "" if status == fault.expected else "  <-- unexpected"
        print(f"{name:<38} {fault.what:<52} {fault.expected:<12} {status:<12} {error or ''}{mark}")
    expected_good = sum(1 for case in GOOD_CASES for p in (SAMPLES / case).rglob("*") if p.is_file())
    print(f"\ngood files of the sample cases loaded: {good} of {expected_good}")
    print(f"bad files recorded as expected: {len(faults) - wrong} of {len(faults)}")
    return 0 if wrong == 0 and good == expected_good else 1


if __name__ == "__main__":
    sys.exit(main())
