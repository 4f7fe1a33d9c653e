"""The copy inspectors read: published by each run when it has loaded, swapped in atomically.

DuckDB lets one process write a database file, and a reader of that file would block the run or fail
while it writes. So readers never open the warehouse itself: each run copies it, once committed, into
a new file and renames that over ``<name>.published.duckdb``. A reader that has the old copy open keeps
reading it undisturbed; the next one opens the new copy, never a half-written state. The copy is written
in DuckDB 1.4's storage format, which both DuckDB 1.4 and 2.x open.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

READABLE_STORAGE_VERSION = "v1.4.0"
# Kept in the warehouse only: keyed hashes of name words, used to mask new documents.
_NOT_PUBLISHED = ("name_tokens",)


class WarehouseBusyError(RuntimeError):
    """The warehouse has no published copy and a run is writing it."""


def published_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}.published{db_path.suffix or '.duckdb'}")


def publish(con: duckdb.DuckDBPyConnection, db_path: Path) -> Path:
    """Copy the committed warehouse behind ``con`` to its published file, atomically."""
    target = published_path(db_path)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    catalog = con.execute("SELECT current_database()").fetchone()[0]
    con.execute(f"ATTACH {_literal(partial)} AS publishing (STORAGE_VERSION '{READABLE_STORAGE_VERSION}')")
    try:
        con.execute(f"COPY FROM DATABASE {_identifier(catalog)} TO publishing")
        for table in _NOT_PUBLISHED:
            con.execute(f"DROP TABLE publishing.{table}")
    finally:
        con.execute("DETACH publishing")
    _fsync(partial)
    os.replace(partial, target)
    _fsync(target.parent)
    return target


@contextmanager
def open_for_reading(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the published copy; to the warehouse itself only where no run has
    published one yet (a warehouse from before publishing existed)."""
    published = published_path(db_path)
    source = published if published.exists() else db_path
    if not source.exists():
        raise FileNotFoundError(
            f"no warehouse at {db_path}: run `aktgranskning run EXPORT_DIR --db {db_path}`"
        )
    try:
        con = duckdb.connect(str(source), read_only=True)
    except duckdb.IOException as error:
        if "lock" not in str(error).lower():
            raise
        raise WarehouseBusyError(
            f"a run is writing {db_path} and has not published a copy to read yet; try again when it ends"
        ) from error
    try:
        yield con
    finally:
        con.close()


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
