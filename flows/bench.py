"""`make bench`: the nightly run's speed against a bare text extraction of the same files.

Copies sample_docs/export COPIES times into a temporary export, times a bare extraction (pypdfium2 for
PDF, python-docx for DOCX), the first nightly run and a second run with nothing changed, and prints
documents per second, the ratio of the run to the bare extraction, and peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "sample_docs" / "export"


def bare_extraction(files: list[Path]) -> float:
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


def timed_run(export: Path, db_path: Path) -> float:
    from flows.nightly import nightly

    started = time.perf_counter()
    nightly(str(export), str(db_path))
    return time.perf_counter() - started


def peak_memory_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=10, help="copies of sample_docs/export (default 10)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="aktgranskning-bench-") as folder:
        export, db_path = Path(folder) / "export", Path(folder) / "bench.duckdb"
        for copy in range(args.copies):
            shutil.copytree(SAMPLES, export / f"copy{copy:04d}")
        files = sorted(p for p in export.rglob("*") if p.is_file())
        os.environ.setdefault("AKTGRANSKNING_KEY", "bench")
        from flows.cli import _configure_prefect

        _configure_prefect(db_path)
        bare = bare_extraction(files)
        first = timed_run(export, db_path)
        second = timed_run(export, db_path)
    count = len(files)
    print(f"\n{count} documents ({args.copies} copies of sample_docs/export)")
    print(f"bare extraction:       {bare:7.2f} s  {count / bare:7.1f} documents/s")
    rate = count / first
    print(f"nightly run, first:    {first:7.2f} s  {rate:7.1f} documents/s  ({first / bare:.1f}x bare)")
    print(f"nightly run, nothing changed: {second:7.2f} s (Prefect start-up included)")
    print(f"peak memory (largest process): {peak_memory_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
