"""The case sources: loading the YAML files and reading a document's text as a reader sees it."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

GENERATOR = Path(__file__).resolve().parent
CASES = GENERATOR / "cases"
SAMPLES = GENERATOR.parent
EXPORT = SAMPLES / "export"
ANNOTATIONS = SAMPLES / "annotations.json"
# The same documents in their other form, for `make eval`'s side-by-side of OCR against text: a text PDF of
# every scan, and a scan of every document marked `scanned_copy: true`. Not part of the export.
TWINS = SAMPLES / "twins"

BLOCK_KINDS = ("heading", "paragraph", "fields", "list", "numbered", "table", "page_break")

# Optional per-document presentation keys (SCHEMA.md, "Presentation keys").
FONTS = ("sans", "serif")
PAGE_NUMBER_STYLES = {"sida": "Sida {page} av {pages}", "paren": "{page} ({pages})", "none": ""}
DEFAULT_FONT_SIZE = 10.0


@dataclass
class Source:
    """One case file: its parsed content, or why it could not be parsed."""

    path: Path
    case: dict[str, Any] | None = None
    error: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.stem


def case_paths(pattern: str = "*") -> list[Path]:
    """The case files whose name matches the glob (with or without the .yaml ending), sorted."""
    return [
        path
        for path in sorted(CASES.glob("*.yaml"))
        if fnmatch.fnmatch(path.stem, pattern) or fnmatch.fnmatch(path.name, pattern)
    ]


def load(path: Path) -> Source:
    try:
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return Source(path, error=f"cannot read: {str(error).splitlines()[0]}")
    if not isinstance(case, dict):
        return Source(path, error="not a YAML mapping")
    return Source(path, case=case)


def text(value: object) -> str:
    """A block value as rendered text (YAML may have parsed an unquoted date or number)."""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def block(entry: dict[str, Any]) -> tuple[str, Any]:
    """A block's kind and value: each block is a one-key mapping."""
    ((kind, value),) = entry.items()
    return kind, value


def block_texts(document: dict[str, Any]) -> list[str]:
    """The text of every block in reading order, each block, list item or table cell on its own."""
    texts: list[str] = []
    for entry in document.get("blocks") or []:
        kind, value = block(entry)
        if kind in ("heading", "paragraph"):
            texts.append(text(value))
        elif kind in ("list", "numbered"):
            texts.extend(text(v) for v in value)
        elif kind in ("fields", "table"):
            texts.extend(text(cell) for row in value for cell in row)
    return texts


def document_text(document: dict[str, Any]) -> str:
    """Everything a reader sees: page header, blocks, page footer, one piece per line."""
    furniture = [text(document[k]) for k in ("page_header", "page_footer") if document.get(k)]
    return "\n".join([*block_texts(document), *furniture])


def font_size(document: dict[str, Any]) -> float:
    return float(document.get("font_size") or DEFAULT_FONT_SIZE)


def page_number_format(document: dict[str, Any]) -> str:
    return PAGE_NUMBER_STYLES[document.get("page_numbers") or "sida"]


def twin(document: dict[str, Any]) -> dict[str, Any] | None:
    """The document in its other form (a scan as text PDF, a `scanned_copy` as scan), or None."""
    if document.get("format") == "scan":
        form = "pdf"
    elif document.get("scanned_copy") is True:
        form = "scan"
    else:
        return None
    path = PurePosixPath(str(document["file"]))
    return {**document, "format": form, "file": str(path.with_suffix(".pdf"))}
