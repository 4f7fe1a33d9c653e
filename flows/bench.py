"""`make bench`: the nightly run's speed against a bare text extraction of the same files.

Generates N synthetic cases (sample_docs/generator/synthetic.py: the sample cases with other people,
PDF, DOCX and scans mixed as in sample_docs) into a temporary folder, then measures in one invocation:
a bare text extraction of the same files (pypdfium2 for PDF, python-docx for DOCX, one process), OCR's
cost per scanned page and the number of scanned pages, the start-up of Prefect's temporary server, a
first nightly run with its time by stage, a second run with nothing changed, and peak memory.

    python -m flows.bench --cases 1000
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CASES = 1000
OCR_SAMPLE_PAGES = 10


def bare_extraction(files: list[Path]) -> float:
    """Seconds to read the text of every file with the plainest tools, in one process."""
    import docx
    import pypdfium2

    started = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        if data.startswith(b"%PDF"):
            pdf = pypdfium2.PdfDocument(data)
            for page in pdf:
                page.get_textpage().get_text_range()
            pdf.close()
        elif data.startswith(b"PK"):
            "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return time.perf_counter() - started


@dataclass(frozen=True)
class OcrCost:
    seconds_per_page: float
    sampled_pages: int
    scanned_pages: int  # image-only pages in the whole export


def ocr_cost(files: list[Path], pages: int = OCR_SAMPLE_PAGES) -> OcrCost | None:
    """Tesseract's seconds per page over the first scanned (image-only) pages of the export, and how
    many such pages it has; None without Tesseract or scans."""
    import pypdfium2

    from extractors import ocr

    if ocr.unavailable() is not None:
        return None
    seconds, read, scanned = 0.0, 0, 0
    for path in (p for p in files if p.suffix.lower() == ".pdf"):
        pdf = pypdfium2.PdfDocument(path.read_bytes())
        for page in pdf:
            if page.get_textpage().count_chars() or not ocr.has_images(page):
                continue
            scanned += 1
            if read < pages:
                started = time.perf_counter()
                ocr.read_page(page, 1)
                seconds, read = seconds + time.perf_counter() - started, read + 1
        pdf.close()
    return OcrCost(seconds / read, read, scanned) if read else None


def peak_memory_mb() -> tuple[float, float]:
    """Peak resident memory of this process (the flow and the loader) and of its largest child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _generate(target: Path, cases: int) -> list[Path]:
    from sample_docs.generator.synthetic import generate

    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done == total or done % 100 == 0:
            print(f"\r  generated {done}/{total} cases", end="", file=sys.stderr, flush=True)

    files = generate(target, cases, progress=progress)
    print(f"\n  in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return sorted(files)


def _timed_run(export: Path, db_path: Path):
    from flows.nightly import nightly

    started = time.perf_counter()
    summary = nightly(str(export), str(db_path))
    return time.perf_counter() - started, summary


def _rate(seconds: float, count: int) -> str:
    return f"{seconds:7.2f} s, {count / seconds:6.1f} documents/s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--cases", type=int, default=DEFAULT_CASES, help=f"synthetic cases (default {DEFAULT_CASES})"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="aktgranskning-bench-") as folder:
        export, db_path = Path(folder) / "export", Path(folder) / "bench.duckdb"
        print(f"generating {args.cases} synthetic cases into {export}", file=sys.stderr)
        files = _generate(export, args.cases)
        os.environ.setdefault("AKTGRANSKNING_KEY", "bench")
        from flows.cli import _configure_prefect

        _configure_prefect(db_path)
        from flows.prefect_api import prefect_api

        bare = bare_extraction(files)
        ocr = ocr_cost(files)
        with prefect_api() as startup:
            first, summary = _timed_run(export, db_path)
            second, _ = _timed_run(export, db_path)
    count = len(files)
    formats = ", ".join(f"{n} {f}" for f, n in Counter(p.suffix.lower()[1:] for p in files).items())
    print(f"\n{count} documents of {args.cases} synthetic cases ({formats})")
    print(f"bare extraction (pypdfium2, python-docx; one process): {_rate(bare, count)}")
    if ocr is None:
        print("OCR: not measured (no Tesseract with Swedish, or no scans)")
    else:
        print(
            f"OCR (Tesseract, one thread): {ocr.seconds_per_page:.2f} s per page, over {ocr.sampled_pages} "
            f"scanned pages; the export has {ocr.scanned_pages}"
        )
    print(f"Prefect's temporary server start-up (once, before the runs): {startup:.2f} s")
    print(f"first nightly run: {_rate(first, count)} = {first / bare:.2f}x the bare extraction")
    if ocr is not None:
        with_ocr = bare + ocr.seconds_per_page * ocr.scanned_pages
        print(
            f"  = {first / with_ocr:.2f}x the bare extraction plus OCR of every scanned page "
            f"({with_ocr:.1f} s, OCR at the sampled rate)"
        )
    print("  stage          seconds    items    items/s (extract, analyse: summed over the workers)")
    for line in summary.times.lines():
        print(f"  {line}")
    print(f"second run, nothing changed: {second:.2f} s")
    own, child = peak_memory_mb()
    print(f"peak memory: flow and loader {own:.0f} MB; largest child process {child:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
