"""What a file is, from its bytes alone (never its name), and why it cannot be read if it cannot."""

from __future__ import annotations

import codecs
import io
import zipfile
import zlib
from dataclasses import dataclass

from extractors.model import FileFormat
from extractors.text import one_line

MAX_DOCX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
PDF_MAGIC_WINDOW = 1024

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_DOCX_CONTENT_TYPE = b"wordprocessingml.document.main+xml"
# What zipfile raises for a damaged archive: bad headers or CRC, an unknown version or compression method,
# damaged deflate data, a ZIP password.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    ValueError,
    EOFError,
    OSError,
)
_SMALL_ENTRY_BYTES = 64 * 1024
_TEXT_SAMPLE_BYTES = 4096
_NOT_SUPPORTED = "not a PDF or DOCX"
_LEGACY_WORD = f"{_NOT_SUPPORTED}: legacy Word .doc (OLE2); convert it to DOCX"
_IMAGE_MAGICS = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"II*\x00": "TIFF image",
    b"MM\x00*": "TIFF image",
    b"GIF8": "GIF image",
}
_OPENDOCUMENT_KINDS = {
    "application/vnd.oasis.opendocument.text": "OpenDocument text (.odt)",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet (.ods)",
    "application/vnd.oasis.opendocument.presentation": "OpenDocument presentation (.odp)",
}


@dataclass(frozen=True, slots=True)
class Detection:
    """The format, and for a file that must not be parsed, the one-line reason."""

    format: FileFormat
    error: str | None = None


def detect_format(data: bytes) -> FileFormat:
    """PDF, DOCX or UNKNOWN, from the content."""
    return sniff(data).format


def sniff(data: bytes) -> Detection:
    """The format and, for anything that is not a readable PDF or DOCX, why."""
    if not data:
        return Detection(FileFormat.UNKNOWN, "empty file (0 bytes)")
    # Containers are recognised by their leading magic first: a ZIP may store a PDF near its start.
    if data.startswith(_ZIP_MAGICS):
        return _sniff_zip(data)
    if data.startswith(_OLE2_MAGIC):
        return Detection(FileFormat.UNKNOWN, _ole2_reason(data))
    if b"%PDF-" in data[:PDF_MAGIC_WINDOW]:
        return Detection(FileFormat.PDF)
    return Detection(FileFormat.UNKNOWN, _other_reason(data))


def _sniff_zip(data: bytes) -> Detection:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _classify_zip(archive)
    except _ZIP_ERRORS as error:
        reason = one_line(str(error)) or type(error).__name__
        return Detection(FileFormat.UNKNOWN, f"corrupt ZIP archive (damaged or truncated DOCX?): {reason}")


def _classify_zip(archive: zipfile.ZipFile) -> Detection:
    names = set(archive.namelist())
    if "word/document.xml" in names or _declares_docx(archive, names):
        return _check_docx_size(archive)
    if "mimetype" in names:
        mimetype = _read_small(archive, "mimetype").decode("ascii", "replace").strip()
        kind = _OPENDOCUMENT_KINDS.get(mimetype, f"OpenDocument file ({mimetype or 'no type'})")
        return Detection(FileFormat.UNKNOWN, f"{kind} is not supported")
    if "xl/workbook.xml" in names:
        return Detection(FileFormat.UNKNOWN, f"{_NOT_SUPPORTED}: Excel workbook (.xlsx)")
    if "ppt/presentation.xml" in names:
        return Detection(FileFormat.UNKNOWN, f"{_NOT_SUPPORTED}: PowerPoint presentation (.pptx)")
    return Detection(FileFormat.UNKNOWN, f"{_NOT_SUPPORTED}: ZIP archive without word/document.xml")


def _declares_docx(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """A Word document whose main part is not called word/document.xml (some generators rename it)."""
    types = "[Content_Types].xml"
    return types in names and _DOCX_CONTENT_TYPE in _read_small(archive, types)


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    """An entry's bytes, or nothing if it declares itself too large to be what we look for."""
    if archive.getinfo(name).file_size > _SMALL_ENTRY_BYTES:
        return b""
    return archive.read(name)


def _check_docx_size(archive: zipfile.ZipFile) -> Detection:
    declared = sum(info.file_size for info in archive.infolist())
    if declared <= MAX_DOCX_UNCOMPRESSED_BYTES:
        return Detection(FileFormat.DOCX)
    return Detection(
        FileFormat.DOCX,
        f"DOCX refused: uncompressed size {format_size(declared)} exceeds the "
        f"{format_size(MAX_DOCX_UNCOMPRESSED_BYTES)} limit (zip bomb?)",
    )


def format_size(size: int) -> str:
    """Bytes for an operator: "812 bytes", "340 kB", "12 MB", "2.1 GB" (binary multiples)."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024**2:
        return f"{size / 1024:.0f} kB"
    if size < 1024**3:
        return f"{size / 1024**2:.0f} MB"
    return f"{size / 1024**3:.1f} GB"


def _ole2_reason(data: bytes) -> str:
    """OLE2 holds the legacy Office formats and also password-protected DOCX/XLSX."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "encrypted Office document (password required)"
    if "WordDocument".encode("utf-16-le") in data:
        return _LEGACY_WORD
    if "Workbook".encode("utf-16-le") in data:
        return f"{_NOT_SUPPORTED}: legacy Excel .xls (OLE2)"
    if "PowerPoint Document".encode("utf-16-le") in data:
        return f"{_NOT_SUPPORTED}: legacy PowerPoint .ppt (OLE2)"
    return _LEGACY_WORD  # the likeliest in a case-file export, even without the stream name found


def _other_reason(data: bytes) -> str:
    head = data[:_TEXT_SAMPLE_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.strip():
        return f"empty file (only {format_size(len(data))} of blank space)"
    if head.startswith(b"{\\rtf"):
        return "RTF document is not supported"
    for magic, kind in _IMAGE_MAGICS.items():
        if head.startswith(magic):
            return f"{_NOT_SUPPORTED}: {kind}"
    lowered = head[:512].lower()
    if lowered.startswith(b"<?xml"):
        if b"w:worddocument" in lowered or b"pkg:package" in lowered:
            return f"{_NOT_SUPPORTED}: Word XML document; save it as DOCX"
        return f"{_NOT_SUPPORTED}: XML file"
    if b"<html" in lowered or lowered.startswith(b"<!doctype html"):
        return f"{_NOT_SUPPORTED}: HTML document"
    if _looks_like_text(data[:_TEXT_SAMPLE_BYTES]):
        return f"{_NOT_SUPPORTED}: plain text file"
    return f"{_NOT_SUPPORTED}: unrecognised content (starts with {data[:8].hex(' ')})"


def _looks_like_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return True
    except UnicodeDecodeError:
        pass
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\r\n\f")
    return controls <= len(sample) // 100  # Latin-1 / cp1252 text
