"""Render the synthetic case files (sample_docs/generator/cases/*.yaml) into sample_docs/export/ as PDF,
DOCX or scanned image-only PDF, and write every annotation into sample_docs/annotations.json.

    python -m sample_docs.generator.build              # check, render all, write annotations, prune
    python -m sample_docs.generator.build --check      # validate only (SCHEMA.md rules), render nothing
    python -m sample_docs.generator.build --cases 'd0*'

--cases limits checking and rendering to the matching case files. annotations.json always describes all
cases, and files in export/ that no case produces any more are deleted; both happen only when every case
file passes the checks, so a colleague's half-written case never empties the export.

Output is deterministic: the same sources give byte-identical files, and files whose bytes do not change
are not rewritten.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from sample_docs.generator.checks import check_case, check_files, check_shared_names
from sample_docs.generator.render_docx import render_docx
from sample_docs.generator.render_pdf import FontMissing, missing_glyphs, render_pdf
from sample_docs.generator.render_scan import render_scan
from sample_docs.generator.source import (
    ANNOTATIONS,
    EXPORT,
    SAMPLES,
    TWINS,
    Source,
    case_paths,
    document_text,
    load,
    twin,
)

RENDERERS = {"pdf": render_pdf, "docx": render_docx, "scan": render_scan}


def check(sources: list[Source]) -> None:
    """Fill each source's problems: its own rules, the PDF font's glyphs, and paths shared between cases."""
    for source in sources:
        if source.case is None:
            source.problems.append(str(source.error))
            continue
        source.problems.extend(check_case(source.name, source.case))
        for document in source.case.get("documents") or []:
            if isinstance(document, dict) and document.get("format") in ("pdf", "scan"):
                source.problems.extend(_glyph_problems(document))
    cases = {s.name: s.case for s in sources if s.case is not None}
    for shared in (check_files(cases), check_shared_names(cases)):
        for source in sources:
            source.problems.extend(shared.get(source.name, []))


def _glyph_problems(document: dict[str, Any]) -> list[str]:
    try:
        missing = missing_glyphs(document_text(document), str(document.get("font") or "sans"))
    except (FontMissing, KeyError, TypeError, ValueError, AttributeError):
        return []  # a missing font is reported when rendering; malformed blocks by check_case
    if not missing:
        return []
    return [f"{document.get('file')}: characters the PDF font cannot draw: {''.join(sorted(missing))!r}"]


def render(document: dict[str, Any]) -> bytes:
    return RENDERERS[document["format"]](document)


def write_if_changed(target: Path, data: bytes) -> bool:
    if target.is_file() and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(target)
    return True


def annotations(cases: list[dict[str, Any]]) -> str:
    """Every case with its fields and its documents' annotations, block text left out, each twin's path
    under twins/; sorted keys."""
    ordered = sorted(cases, key=lambda case: str(case["case_id"]))
    plain = _plain(ordered)
    for case in plain:
        for document in case["documents"]:
            other_form = twin(document)
            if other_form is not None:
                document["twin"] = other_form["file"]
    return json.dumps({"cases": plain}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items() if k != "blocks"}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _forms(documents: list[dict[str, Any]]) -> list[tuple[Path, dict[str, Any]]]:
    """Each document under export/, and its twin, if it has one, under twins/."""
    forms = []
    for document in documents:
        forms.append((EXPORT, document))
        other_form = twin(document)
        if other_form is not None:
            forms.append((TWINS, other_form))
    return forms


def _produced(cases: list[dict[str, Any]]) -> dict[Path, set[Path]]:
    produced: dict[Path, set[Path]] = {EXPORT: set(), TWINS: set()}
    for case in cases:
        for root, document in _forms(case["documents"]):
            produced[root].add(root / document["file"])
    return produced


def prune(root: Path, produced: set[Path]) -> list[Path]:
    """Delete the files under root that no case produces, then the folders left empty."""
    stale = sorted(p for p in root.rglob("*") if p.is_file() and p not in produced)
    for path in stale:
        path.unlink()
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sample_docs.generator.build",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--check", action="store_true", help="validate the sources only, render nothing")
    parser.add_argument("--cases", default="*", metavar="GLOB", help="only these case files (e.g. 'd0*')")
    args = parser.parse_args(argv)

    everything = [load(path) for path in case_paths()]
    check(everything)
    selected = [s for s in everything if s.path in set(case_paths(args.cases))]
    if not selected:
        print(f"no case file matches {args.cases!r}", file=sys.stderr)
        return 1
    for source in selected:
        for problem in source.problems:
            print(f"{source.name}: {problem}", file=sys.stderr)
    problems = sum(len(s.problems) for s in selected)
    documents = sum(len(s.case.get("documents") or []) for s in selected if s.case)
    print(f"{len(selected)} cases, {documents} documents, {problems} problems")
    if args.check or problems:
        return 1 if problems else 0

    written = 0
    for source in selected:
        assert source.case is not None
        for root, document in _forms(source.case["documents"]):
            try:
                data = render(document)
            except FontMissing as error:
                print(f"{source.name}: {error}", file=sys.stderr)
                return 1
            written += write_if_changed(root / document["file"], data)
    print(f"rendered {documents} documents of {len(selected)} cases and their twins ({written} changed)")

    others = [s.name for s in everything if s.problems]
    if others:
        print(
            "annotations.json and export/ left as they are: other case files have problems "
            f"({', '.join(others)})",
            file=sys.stderr,
        )
        return 0
    cases = [s.case for s in everything if s.case is not None]
    for root, produced in _produced(cases).items():
        for path in prune(root, produced):
            print(f"deleted stale {path.relative_to(SAMPLES)}")
    if write_if_changed(ANNOTATIONS, annotations(cases).encode("utf-8")):
        print(f"wrote {ANNOTATIONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
