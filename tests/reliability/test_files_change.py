"""Files that change or go: a removed file is marked gone and stops counting; the same bytes exported
again under another name are not counted twice; a file that comes back counts again."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from flows.cli import main
from flows.nightly import key_file_for
from nlp.privacy import Pseudonymizer, load_or_create_key

from .conftest import copy_case

CASE_VIEWS = ("case_findings", "current_documents", "case_mentions", "comparisons")


def _run(export: Path, db_path: Path) -> None:
    assert main(["run", str(export), "--db", str(db_path)]) == 0


def _state(db_path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return {
            view: sorted(con.execute(f"SELECT * FROM {view}").fetchall(), key=repr) for view in CASE_VIEWS
        }


def _document(db_path: Path, relative: str) -> tuple:
    key = Pseudonymizer(load_or_create_key(key_file_for(db_path))).path_key(relative)
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute(
            "SELECT gone_at IS NOT NULL, copy_of FROM documents WHERE path_key = ?", [key]
        ).fetchone()


def _last_run(db_path: Path) -> tuple:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute(
            "SELECT files_seen, files_gone, documents_gone, documents_copies FROM runs "
            "ORDER BY started_at DESC LIMIT 1"
        ).fetchone()


def test_a_removed_file_is_gone_and_comes_back(tmp_path: Path) -> None:
    export, db_path = tmp_path / "export", tmp_path / "w.duckdb"
    copy_case(export, "Farsta_2023")
    _run(export, db_path)
    before = _state(db_path)
    plan = next(export.rglob("Genomförandeplan*.pdf"))
    relative = plan.relative_to(export).as_posix()
    kept = tmp_path / "kept.pdf"
    shutil.move(plan, kept)

    _run(export, db_path)
    assert _document(db_path, relative) == (True, None)
    files = len([p for p in export.rglob("*") if p.is_file()])
    assert _last_run(db_path) == (files, 1, 1, 0)
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute("SELECT plan_verdict FROM case_findings").fetchall() == [("no_plan",)]

    shutil.move(kept, plan)
    _run(export, db_path)
    assert _document(db_path, relative) == (False, None)
    assert _state(db_path) == before


def test_the_same_file_under_another_name_is_not_counted_twice(tmp_path: Path) -> None:
    export, db_path = tmp_path / "export", tmp_path / "w.duckdb"
    copy_case(export, "Farsta_2023")
    _run(export, db_path)
    before, journals = _state(db_path), _journals(db_path)
    journal = next(export.rglob("Journal.pdf"))
    shutil.copy(journal, export / "kopia av journalen.pdf")

    _run(export, db_path)
    original = _document(db_path, journal.relative_to(export).as_posix())
    copy = _document(db_path, "kopia av journalen.pdf")
    assert original == (False, None)
    assert copy[0] is False and copy[1] is not None
    assert _state(db_path) == before
    assert _last_run(db_path)[3] == 1

    journal.unlink()  # the first name goes: the copy now counts in its place
    _run(export, db_path)
    assert _document(db_path, "kopia av journalen.pdf") == (False, None)
    assert _journals(db_path) == journals


def _journals(db_path: Path) -> list[tuple]:
    """The journals that count, by content."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute(
            "SELECT sha256 FROM case_documents WHERE doc_type = 'journal' ORDER BY 1"
        ).fetchall()
