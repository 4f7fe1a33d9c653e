"""Crashes: the run killed in the middle of loading leaves no half-loaded run, and the next run does
the work and marks the killed one interrupted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

from flows.cli import main
from warehouse.publish import published_path

from .conftest import copy_case

CASES = ("Bromma", "Farsta_2023", "Kungsholmen")


def test_a_run_killed_while_loading_leaves_nothing_half_loaded(tmp_path: Path) -> None:
    export, db_path = tmp_path / "export", tmp_path / "w.duckdb"
    for case in CASES:
        copy_case(export, case)
    files = [p for p in export.rglob("*") if p.is_file()]
    environment = {**os.environ, "PREFECT_LOGGING_LEVEL": "INFO"}
    command = [sys.executable, "-m", "flows.cli", "run", str(export), "--db", str(db_path)]
    run = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=environment,
        start_new_session=True,
    )
    output = []
    for line in run.stdout:
        output.append(line)
        if "(not committed yet)" in line:  # a batch is in the open transaction
            os.killpg(run.pid, signal.SIGKILL)
            break
    run.wait(timeout=60)
    assert run.returncode == -signal.SIGKILL, "".join(output[-20:])

    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute("SELECT status, ended_at FROM runs").fetchall() == [("running", None)]
        for table in ("documents", "items", "mentions", "comparisons"):
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    assert not published_path(db_path).exists()

    assert main(["run", str(export), "--db", str(db_path)]) == 0
    with duckdb.connect(str(db_path), read_only=True) as con:
        runs = con.execute("SELECT status, files_new FROM runs ORDER BY started_at").fetchall()
        documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert runs == [("interrupted", None), ("completed", len(files))]
    assert documents == len(files)
