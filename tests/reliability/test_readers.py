"""Readers during the run: inspectors read the published copy, which a run never blocks on, never
fails on, and never shows half-written; DuckDB 1.4 opens it too."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from flows.cli import main
from warehouse.publish import published_path

from .conftest import copy_case

DUCKDB_14_PYTHON = Path(os.environ.get("AKTGRANSKNING_DUCKDB14_PYTHON", ".venv-duckdb14/bin/python"))

# A separate process holds a read-only connection to the published copy and counts the cases each
# time it is told to, as an inspector's SQL client would.
READER = textwrap.dedent(
    """
    import sys, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    for line in sys.stdin:
        print(con.execute("SELECT count(*) FROM case_findings").fetchone()[0], flush=True)
    """
)

# A separate process holds the warehouse open for writing, as a run does while it loads.
WRITER = textwrap.dedent(
    """
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])
    print("writing", flush=True)
    sys.stdin.read()
    """
)


def _cases(db_path: Path) -> int:
    with duckdb.connect(str(published_path(db_path)), read_only=True) as con:
        return con.execute("SELECT count(*) FROM case_findings").fetchone()[0]


def _load(folder: Path) -> tuple[Path, Path]:
    export, db_path = folder / "export", folder / "w.duckdb"
    copy_case(export, "Bromma")
    assert main(["run", str(export), "--db", str(db_path)]) == 0
    return export, db_path


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> tuple[Path, Path]:
    """A warehouse the tests only read."""
    return _load(tmp_path_factory.mktemp("readers"))


def test_a_reader_held_open_through_a_run_keeps_its_state_and_the_next_sees_the_new(tmp_path: Path) -> None:
    export, db_path = _load(tmp_path)
    before = _cases(db_path)
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(published_path(db_path))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        reader.stdin.write("count\n")
        reader.stdin.flush()
        assert int(reader.stdout.readline()) == before
        copy_case(export, "Farsta_2023")
        assert main(["run", str(export), "--db", str(db_path)]) == 0
        reader.stdin.write("count\n")
        reader.stdin.flush()
        assert int(reader.stdout.readline()) == before
    finally:
        reader.stdin.close()
        reader.wait(timeout=30)
    assert reader.returncode == 0
    assert _cases(db_path) == before + 1


def test_reader_commands_work_while_a_run_holds_the_warehouse(loaded, capsys) -> None:
    _, db_path = loaded
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "writing"
        with pytest.raises(duckdb.IOException):
            duckdb.connect(str(db_path), read_only=True)
        capsys.readouterr()
        assert main(["sql", "SELECT count(*) AS cases FROM case_findings", "--db", str(db_path)]) == 0
        assert main(["findings", "--db", str(db_path)]) == 0
    finally:
        writer.stdin.close()
        writer.wait(timeout=30)
    printed = capsys.readouterr().out
    assert printed.splitlines()[2].strip() == str(_cases(db_path))


def test_the_published_copy_has_no_name_tokens_and_keeps_the_views(loaded) -> None:
    _, db_path = loaded
    with duckdb.connect(str(published_path(db_path)), read_only=True) as con:
        tables = {
            row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
    assert "name_tokens" not in tables
    assert {"documents", "case_findings", "mismatches", "finding_evidence"} <= tables


@pytest.mark.skipif(
    not DUCKDB_14_PYTHON.exists(), reason="DuckDB 1.4 client missing: `make test-tools` installs it"
)
def test_duckdb_1_4_opens_the_published_copy(loaded) -> None:
    _, db_path = loaded
    query = "SELECT count(*) FROM case_findings, (SELECT version() AS v) WHERE v LIKE 'v1.4%'"
    script = "import duckdb, sys; con = duckdb.connect(sys.argv[1], read_only=True); "
    script += f"print(con.sql({query!r}).fetchone()[0])"
    result = subprocess.run(
        [str(DUCKDB_14_PYTHON), "-c", script, str(published_path(db_path))], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == _cases(db_path) > 0
    refused = subprocess.run(
        [
            str(DUCKDB_14_PYTHON),
            "-c",
            "import duckdb, sys; duckdb.connect(sys.argv[1], read_only=True)",
            str(db_path),
        ],
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0  # the warehouse itself is in DuckDB 2's format: hence the copy
