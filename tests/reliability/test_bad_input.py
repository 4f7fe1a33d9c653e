"""Bad input: every kind of bad file is recorded with its status and a clear error, the run goes on,
nothing of the good files is lost, and no file can take more than its time or memory."""

from __future__ import annotations

import io
import os
import signal
import threading
import zipfile
from pathlib import Path

import duckdb

from flows.cli import main
from flows.discover import SourceFile, file_sha256
from flows.faults import GOOD_CASES, docx_file, text_pdf
from flows.nightly import key_file_for
from flows.process import FileLimits
from flows.sandbox import Sandbox
from nlp.privacy import Pseudonymizer, load_or_create_key

from .conftest import SAMPLES


def test_every_bad_file_is_recorded_and_the_good_ones_are_loaded(faulty_export, tmp_path: Path) -> None:
    export, faults = faulty_export
    db_path = tmp_path / "w.duckdb"
    assert main(["run", str(export), "--db", str(db_path)]) == 0
    pseudonymizer = Pseudonymizer(load_or_create_key(key_file_for(db_path)))
    with duckdb.connect(str(db_path), read_only=True) as con:
        rows = con.execute(
            "SELECT path_key, CASE WHEN copy_of IS NULL THEN status ELSE 'copy' END, error FROM documents"
        ).fetchall()
        run = con.execute("SELECT status, files_seen FROM runs").fetchall()
        cases = con.execute("SELECT count(*) FROM case_findings").fetchone()[0]
    recorded = {key: (status, error) for key, status, error in rows}
    for fault in faults:
        status, error = recorded[pseudonymizer.path_key(f"faults/{fault.name}")]
        assert status == fault.expected, fault
        if status in ("quarantined", "needs_ocr"):
            assert error and "\n" not in error, fault
    good = [p for case in GOOD_CASES for p in (SAMPLES / case).rglob("*") if p.is_file()]
    assert len(rows) == len(good) + len(faults)
    assert run == [("completed", len(good) + len(faults))]
    assert cases >= len(GOOD_CASES)


def _source(path: Path, root: Path) -> SourceFile:
    return SourceFile(path.relative_to(root).as_posix(), file_sha256(path), path.stat().st_size)


def _sandbox(tmp_path: Path, limits: FileLimits) -> Sandbox:
    return Sandbox(str(tmp_path), str(tmp_path / "key"), limits)


def test_a_file_over_the_time_limit_is_refused_and_the_next_file_is_read(tmp_path: Path) -> None:
    long = tmp_path / "lång.pdf"
    # About 2.4 s to read with PDFium on the development machine; the first short file of a fresh
    # reader, patterns compiled, about 0.2 s.
    long.write_bytes(text_pdf(["Journalanteckning {page}", "Samtal om boendet."], pages=4000))
    short = tmp_path / "kort.pdf"
    short.write_bytes(text_pdf(["Journalanteckning 2023-05-04", "Samtal om boendet."]))
    sandbox = _sandbox(tmp_path, FileLimits(seconds=1, max_pages=5000))
    try:
        refused = sandbox.process(_source(long, tmp_path))
        read = sandbox.process(_source(short, tmp_path))
    finally:
        sandbox.close()
    assert (refused.status, refused.error) == ("quarantined", FileLimits(seconds=1).time_error())
    assert read.status == "ok" and read.analysis is not None


def huge_docx(paragraphs: int) -> bytes:
    """A DOCX of about 1 MB whose text runs to tens of MB once parsed."""
    template = docx_file(["x"])
    run = "<w:p><w:r><w:t>Samtal om boendet och vardagen med personalen {}.</w:t></w:r></w:p>"
    body = "".join(run.format(number) for number in range(paragraphs))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(template)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode()
                start, end = text.index("<w:body>") + len("<w:body>"), text.index("<w:sectPr")
                data = (text[:start] + body + text[end:]).encode()
            copy.writestr(info, data)
    return out.getvalue()


def test_a_file_over_the_memory_limit_is_refused_and_the_next_file_is_read(tmp_path: Path) -> None:
    big = tmp_path / "stor.docx"
    big.write_bytes(huge_docx(400_000))
    short = tmp_path / "kort.pdf"
    short.write_bytes(text_pdf(["Journalanteckning 2023-05-04", "Samtal om boendet."]))
    limits = FileLimits(memory_mb=128)
    sandbox = _sandbox(tmp_path, limits)
    try:
        refused = sandbox.process(_source(big, tmp_path))
        read = sandbox.process(_source(short, tmp_path))
    finally:
        sandbox.close()
    assert (refused.status, refused.error) == ("quarantined", limits.memory_error())
    assert read.status == "ok" and read.analysis is not None


def test_a_reader_that_dies_costs_only_its_file(tmp_path: Path) -> None:
    """The reader process killed while it reads (as the kernel's OOM killer would) costs that file."""
    long = tmp_path / "lång.pdf"
    # About 2.4 s to read with PDFium on the development machine; the first short file of a fresh
    # reader, patterns compiled, about 0.2 s.
    long.write_bytes(text_pdf(["Journalanteckning {page}", "Samtal om boendet."], pages=4000))
    short = tmp_path / "kort.pdf"
    short.write_bytes(text_pdf(["Journalanteckning 2023-05-04", "Samtal om boendet."]))
    sandbox = _sandbox(tmp_path, FileLimits(max_pages=5000))
    try:
        sandbox.process(_source(short, tmp_path))
        pid = sandbox._child.process.pid
        threading.Timer(1.0, os.kill, (pid, signal.SIGKILL)).start()
        crashed = sandbox.process(_source(long, tmp_path))
        read = sandbox.process(_source(short, tmp_path))
    finally:
        sandbox.close()
    assert crashed.status == "quarantined"
    assert crashed.error == FileLimits().crash_error(-signal.SIGKILL)
    assert read.status == "ok"
