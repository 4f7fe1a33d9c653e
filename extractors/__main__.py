"""``python -m extractors FILE...``: what the extractor makes of each file, block by block."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from extractors import ExtractedDocument, ExtractionStatus, extract


def describe(path: Path, document: ExtractedDocument, seconds: float) -> list[str]:
    lines = [
        f"{path}: {document.status} ({document.format}), {document.pages} page(s), "
        f"{len(document.blocks)} block(s), {seconds:.2f} s"
    ]
    if document.error:
        lines.append(f"  error: {document.error}")
    for block in document.blocks:
        cell = f" t{block.cell.table}r{block.cell.row}c{block.cell.column}" if block.cell else ""
        offsets = f"{block.char_start:>6}-{block.char_end:<6}"
        lines.append(f"  {block.kind:<11} p{block.page:<3} {offsets}{cell} {block.text}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extractors", description=__doc__)
    parser.add_argument("files", nargs="+", type=Path, help="PDF or DOCX files")
    parser.add_argument("--max-bytes", type=int, default=None, help="refuse files larger than this")
    parser.add_argument("--max-pages", type=int, default=None, help="refuse PDFs longer than this")
    parser.add_argument("--text", action="store_true", help="also print the assembled text")
    args = parser.parse_args(argv)
    all_ok = True
    for path in args.files:
        started = time.perf_counter()
        document = extract(path, max_bytes=args.max_bytes, max_pages=args.max_pages)
        print("\n".join(describe(path, document, time.perf_counter() - started)))
        if args.text:
            print("  --- text ---")
            print(document.text)
        all_ok = all_ok and document.status == ExtractionStatus.OK
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
