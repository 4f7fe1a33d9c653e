"""Identities: no personnummer or name of a person in the warehouse, its published copy, the logs and
printed output, Prefect's own database (task parameters and results) or error messages. The key file
is private, and the key holder can find a case's files again."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.cli import main
from flows.faults import build_faults, text_pdf
from flows.manifest import work_dir
from flows.nightly import key_file_for
from nlp.privacy import Pseudonymizer, load_or_create_key
from warehouse.publish import published_path

from .conftest import SAMPLES

CASE_FOLDERS = ("Farsta_2023/EKHOLM MARIANNE", "Bromma/Norrby_Benjamin")


def _people() -> list[dict]:
    annotations = json.loads((SAMPLES.parent / "annotations.json").read_text(encoding="utf-8"))
    return [
        case
        for case in annotations["cases"]
        if any(d["file"].startswith(CASE_FOLDERS) for d in case["documents"])
    ]


def _identity_pattern(people: list[dict]) -> re.Pattern[str]:
    """Each person's name words, and personnummer in every spelling ("19640412-9865", "6404129865")."""
    names = {
        re.escape(part)
        for case in people
        for key in ("first_name", "last_name")
        for part in case["person"][key].split()
    }
    numbers = {
        rf"(?:{digits[:2]})?{digits[2:8]}\s?[-+]?\s?{digits[8:]}"
        for digits in (case["person"]["personnummer"].replace("-", "") for case in people)
    }
    return re.compile(rf"(?i)(?<![\w])(?:{'|'.join(sorted(names | numbers))})(?![\w])")


def _leaks(texts: list[tuple[str, str]], identities: re.Pattern[str]) -> list[str]:
    leaks = []
    for where, text in texts:
        for pattern in (identities,):
            leaks += [
                f"{where}: {match.group(0)!r} in ...{text[max(0, match.start() - 40) : match.end() + 20]!r}"
                for match in pattern.finditer(text)
            ]
    return leaks


def _duckdb_texts(path: Path) -> list[tuple[str, str]]:
    texts = []
    with duckdb.connect(str(path), read_only=True) as con:
        columns = con.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE data_type = 'VARCHAR'"
        ).fetchall()
        for table, column in columns:
            for (value,) in con.execute(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall():
                if value:
                    texts.append((f"{path.name} {table}.{column}", value))
    return texts


def _sqlite_texts(path: Path) -> list[tuple[str, str]]:
    texts = []
    con = sqlite3.connect(path)
    try:
        tables = [row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in con.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", "replace")
                    if isinstance(value, str) and value:
                        texts.append((f"prefect.db {table}", value))
    finally:
        con.close()
    return texts


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The real flow in its own process, logging at INFO, over two cases whose folders and files name
    their person, a bad file named after one of them, a file named by a personnummer, and bad files."""
    root = tmp_path_factory.mktemp("identities")
    export, db_path, prefect_home = root / "export", root / "w.duckdb", root / "prefect"
    for folder in CASE_FOLDERS:
        shutil.copytree(SAMPLES / folder, export / folder)
    (export / CASE_FOLDERS[0] / "Marianne Ekholm läkarintyg.pdf").write_bytes(b"%PDF-1.4\ntrasig")
    (export / CASE_FOLDERS[0] / "640412-9865 anteckning.pdf").write_bytes(
        text_pdf(["Anteckning 2023-05-04", "Marianne Ekholm, 640412-9865, ringde om tiden."])
    )
    faults = build_faults(export / "faults")
    # Its own Prefect server and database (not the test session's), which the test reads afterwards.
    environment = {**os.environ, "PREFECT_HOME": str(prefect_home), "PREFECT_LOGGING_LEVEL": "INFO"}
    environment.pop("PREFECT_API_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "flows.cli", "run", str(export), "--db", str(db_path)],
        capture_output=True,
        text=True,
        env=environment,
    )
    os.chmod(export / "faults" / faults[-3].name, 0o600)
    assert result.returncode == 0, result.stderr[-2000:]
    return export, db_path, prefect_home, result


def test_no_identity_in_the_warehouse_the_copy_the_output_or_prefect(run) -> None:
    _, db_path, prefect_home, result = run
    identities = _identity_pattern(_people())
    texts = [("stdout", result.stdout), ("stderr", result.stderr)]
    texts += _duckdb_texts(db_path) + _duckdb_texts(published_path(db_path))
    prefect_databases = list(prefect_home.rglob("*.db"))
    assert prefect_databases, "Prefect's database was not where the run was told to keep it"
    for database in prefect_databases:
        texts += _sqlite_texts(database)
    assert "INFO" in result.stdout + result.stderr  # the logs were there to be scanned
    assert any(where.endswith("documents.error") for where, _ in texts)
    assert _leaks(texts, identities) == []
    assert not work_dir(db_path, "x").parent.exists()  # the batch manifests are gone with their folder


def test_the_key_file_is_private_and_one_others_can_read_is_refused(run, tmp_path, capsys) -> None:
    export, db_path, _, _ = run
    key_file = key_file_for(db_path)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    other = tmp_path / "w.duckdb"
    key_file_for(other).write_text("k" * 64)
    os.chmod(key_file_for(other), 0o644)
    assert main(["run", str(export / "faults"), "--db", str(other)]) == 2
    assert "chmod 600" in capsys.readouterr().err
    assert not other.exists()


def test_the_key_holder_locates_a_cases_files(run, capsys) -> None:
    export, db_path, _, _ = run
    (person,) = [case for case in _people() if case["case_id"] == "d25"]
    pseudonymizer = Pseudonymizer(load_or_create_key(key_file_for(db_path)))
    case_key = pseudonymizer.case_key(person["person"]["personnummer"].replace("-", ""))
    capsys.readouterr()
    assert main(["locate", case_key, str(export), "--db", str(db_path)]) == 0
    found = {Path(line).relative_to(export).as_posix() for line in capsys.readouterr().out.splitlines()}
    expected = {d["file"] for d in person["documents"] if d["linked_by"] != "none"}
    assert found == expected | {f"{CASE_FOLDERS[0]}/640412-9865 anteckning.pdf"}
    assert main(["locate", "0" * 64, str(export), "--db", str(db_path)]) == 1
