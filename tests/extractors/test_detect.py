"""Format detection from the bytes, and the one-line reasons for files that are not read."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from extractors import ExtractionStatus, FileFormat, detect_format, extract
from extractors.detect import MAX_DOCX_UNCOMPRESSED_BYTES, format_size, sniff


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("case.pdf", FileFormat.PDF),
        ("case.docx", FileFormat.DOCX),
        ("docx_named.pdf", FileFormat.DOCX),
        ("pdf_named.docx", FileFormat.PDF),
        ("scan.pdf", FileFormat.PDF),
        ("legacy.doc", FileFormat.UNKNOWN),
        ("letter.rtf", FileFormat.UNKNOWN),
        ("document.odt", FileFormat.UNKNOWN),
        ("empty.pdf", FileFormat.UNKNOWN),
        ("notes.txt", FileFormat.UNKNOWN),
    ],
)
def test_detect_format_reads_the_bytes_not_the_name(
    files: dict[str, Path], name: str, expected: FileFormat
) -> None:
    assert detect_format(files[name].read_bytes()) == expected


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("legacy.doc", "not a PDF or DOCX: legacy Word .doc (OLE2); convert it to DOCX"),
        ("letter.rtf", "RTF document is not supported"),
        ("document.odt", "OpenDocument text (.odt) is not supported"),
        ("empty.pdf", "empty file (0 bytes)"),
        ("notes.txt", "not a PDF or DOCX: plain text file"),
    ],
)
def test_unsupported_files_are_quarantined_with_their_reason(
    files: dict[str, Path], name: str, error: str
) -> None:
    document = extract(files[name])
    assert (document.status, document.format, document.error) == (
        ExtractionStatus.QUARANTINED,
        FileFormat.UNKNOWN,
        error,
    )
    assert (document.text, document.blocks, document.pages) == ("", [], 0)


def test_zip_bomb_is_refused_by_declared_size_without_inflating(files: dict[str, Path]) -> None:
    path = files["bomb.docx"]
    assert path.stat().st_size < 4 * 1024 * 1024
    started = time.perf_counter()
    document = extract(path)
    assert time.perf_counter() - started < 1.0
    assert (document.status, document.format) == (ExtractionStatus.QUARANTINED, FileFormat.DOCX)
    assert document.error == "DOCX refused: uncompressed size 256 MB exceeds the 200 MB limit (zip bomb?)"
    assert MAX_DOCX_UNCOMPRESSED_BYTES == 200 * 1024 * 1024


def test_max_bytes_refuses_large_files_before_reading(files: dict[str, Path]) -> None:
    document = extract(files["case.pdf"], max_bytes=1000)
    assert document.status == ExtractionStatus.QUARANTINED
    assert document.error is not None and document.error.startswith("file too large: ")
    assert document.error.endswith("exceeds the 1000 bytes limit")
    assert extract(files["case.pdf"], max_bytes=10**7).status == ExtractionStatus.OK


def test_missing_file_is_quarantined_not_raised(tmp_path: Path) -> None:
    document = extract(tmp_path / "saknas.pdf")
    assert (document.status, document.error) == (
        ExtractionStatus.QUARANTINED,
        "cannot read file: No such file or directory",
    )


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"%PDF-1.7 then garbage", None),
        (b"\x00" * 10 + b"%PDF-1.4", None),  # a PDF with junk in front still starts within 1024 bytes
        (
            b"\x00" * 2000 + b"%PDF-1.4",
            "not a PDF or DOCX: unrecognised content (starts with 00 00 00 00 00 00 00 00)",
        ),
        (b"  \n\t ", "empty file (only 5 bytes of blank space)"),
        (b"\x89PNG\r\n\x1a\n....", "not a PDF or DOCX: PNG image"),
        (b"<!DOCTYPE html><html><body>Hej</body></html>", "not a PDF or DOCX: HTML document"),
        (b"PK\x03\x04 this zip is cut short", None),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "encrypted Office document (password required)",
        ),
        ("Brev till Åsa från Handläggaren".encode("cp1252"), "not a PDF or DOCX: plain text file"),
    ],
)
def test_sniff_reasons(data: bytes, error: str | None) -> None:
    detection = sniff(data)
    if data.startswith(b"PK"):
        assert detection.format == FileFormat.UNKNOWN
        assert detection.error is not None
        assert detection.error.startswith("corrupt ZIP archive (damaged or truncated DOCX?): ")
    else:
        assert detection.error == error
        assert detection.format == (FileFormat.PDF if error is None else FileFormat.UNKNOWN)


def test_format_size() -> None:
    assert [format_size(n) for n in (0, 812, 340 * 1024, 200 * 1024**2, int(2.1 * 1024**3))] == [
        "0 bytes",
        "812 bytes",
        "340 kB",
        "200 MB",
        "2.1 GB",
    ]
