"""Opening the warehouse, applying migrations and views, and loading a run in one transaction."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from nlp.model import CaseItems, ComparedItem, Comparison
from warehouse.model import DocumentRecord, FilePlace, RunCounts, RunInfo, StoredFile

# How a case's order and plan are compared (nlp.compare.compare_case): given by the flow.
Comparer = Callable[[CaseItems], Comparison]

SQL_DIR = Path(__file__).parent
_MIGRATION_NAME = re.compile(r"^(\d{3})_[\w]+\.sql$")


def sql(name: str) -> str:
    """The text of `warehouse/<name>.sql`, e.g. `sql("queries/link_documents")`."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _migrations() -> list[tuple[int, Path]]:
    found = []
    for path in sorted((SQL_DIR / "migrations").glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if match:
            found.append((int(match[1]), path))
    return found


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations not yet applied, then (re)create the views. Returns the versions applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, path in _migrations():
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_migrations VALUES (?, now())", [version])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    for view in sorted((SQL_DIR / "views").glob("*.sql")):
        con.execute(view.read_text(encoding="utf-8"))
    return applied


@contextmanager
def connect(db_path: Path, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the warehouse file, migrated when opened for writing."""
    if not read_only:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path), read_only=read_only)
    try:
        if not read_only:
            migrate(con)
        yield con
    finally:
        con.close()


def stored_files(con: duckdb.DuckDBPyConnection) -> dict[str, StoredFile]:
    """path_key → what is stored for that path."""
    rows = con.execute("SELECT path_key, doc_id, sha256, gone_at IS NOT NULL FROM documents").fetchall()
    return {path_key: StoredFile(doc_id, sha256, gone) for path_key, doc_id, sha256, gone in rows}


def name_token_keys(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute("SELECT DISTINCT token_key FROM name_tokens").fetchall()}


def start_run(con: duckdb.DuckDBPyConnection, run: RunInfo) -> int:
    """Record the run's start. Runs still marked running were stopped before they finished (killed, or
    their machine went down): the caller holds the writer lock, so none of them is alive. They are
    marked interrupted and their count returned; their files were never loaded, so this run loads them."""
    interrupted = con.execute(
        "UPDATE runs SET status = 'interrupted', error = 'stopped before it finished' "
        "WHERE status = 'running'"
    ).fetchone()[0]
    con.execute(
        "INSERT INTO runs (run_id, started_at, status) VALUES (?, ?, 'running')", [run.run_id, run.started_at]
    )
    return interrupted


def fail_run(con: duckdb.DuckDBPyConnection, run_id: str, error: str) -> None:
    con.execute(
        "UPDATE runs SET status = 'failed', ended_at = ?, error = ? WHERE run_id = ?",
        [datetime.now(), error[:500], run_id],
    )


def _documents_table(records: list[DocumentRecord], run_id: str) -> pa.Table:
    def field(record: DocumentRecord, name: str) -> object:
        return getattr(record.analysis, name) if record.analysis else None

    return pa.table(
        {
            "doc_id": [r.doc_id for r in records],
            "sha256": [r.sha256 for r in records],
            "path_key": [r.path_key for r in records],
            "source_path": [r.source_path for r in records],
            "doc_type": pa.array([field(r, "doc_type") for r in records], pa.string()),
            "doc_date": pa.array([field(r, "doc_date") for r in records], pa.date32()),
            "case_key": pa.array([field(r, "case_key") for r in records], pa.string()),
            "linked_by": pa.array(
                ["personnummer" if field(r, "case_key") else None for r in records], pa.string()
            ),
            "link_note": pa.array([None] * len(records), pa.string()),
            "name_key": pa.array([field(r, "name_key") for r in records], pa.string()),
            "gender": pa.array([field(r, "gender") for r in records], pa.string()),
            "birth_year": pa.array([field(r, "birth_year") for r in records], pa.int32()),
            "district": pa.array([field(r, "district") for r in records], pa.string()),
            "provider": pa.array([field(r, "provider") for r in records], pa.string()),
            "orientation": pa.array([field(r, "orientation") for r in records], pa.string()),
            "pages": pa.array([r.pages for r in records], pa.int32()),
            "ocr_pages": pa.array([r.ocr_pages for r in records], pa.int32()),
            "ocr_confidence": pa.array([r.ocr_confidence for r in records], pa.float64()),
            "folder_key": pa.array([r.folder_key for r in records], pa.string()),
            "file_date": pa.array([r.file_date for r in records], pa.date32()),
            "status": [r.status for r in records],
            "error": pa.array([r.error for r in records], pa.string()),
            "run_id": [run_id] * len(records),
        }
    )


def _rows_table(records: list[DocumentRecord], attribute: str, number_column: str) -> pa.Table:
    rows: dict[str, list[object]] = {"doc_id": [], number_column: [], "case_key": []}
    for record in records:
        for number, row in enumerate(getattr(record.analysis, attribute) if record.analysis else []):
            rows["doc_id"].append(record.doc_id)
            rows[number_column].append(number)
            rows["case_key"].append(record.analysis.case_key)
            for name in row.__slots__:
                rows.setdefault(name, []).append(getattr(row, name))
    if not rows["doc_id"]:
        return pa.table({"doc_id": pa.array([], pa.string())})
    return pa.table(rows)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    if rows.num_rows == 0:
        return
    columns = ", ".join(rows.column_names)
    # Unregistered only on success: inside an aborted transaction it would hide the real error.
    con.register("incoming_rows", rows)
    con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming_rows")
    con.unregister("incoming_rows")


def _delete_documents(con: duckdb.DuckDBPyConnection, doc_ids: Iterable[str]) -> None:
    ids = pa.table({"doc_id": pa.array(sorted(set(doc_ids)), pa.string())})
    if ids.num_rows == 0:
        return
    con.register("replaced_ids", ids)
    for table in ("items", "mentions", "name_tokens", "documents"):
        con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM replaced_ids)")
    con.unregister("replaced_ids")


class Load:
    """A run's load as one transaction that documents stream into as their batches finish, so that the
    loader never holds the whole run: begin, insert batch after batch, then finish. Any error rolls the
    whole transaction back."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str, replaced_doc_ids: Iterable[str]) -> None:
        """``replaced_doc_ids`` are the stored documents whose file changed: their rows go."""
        self.con, self.run_id = con, run_id
        con.execute("BEGIN TRANSACTION")
        self._open = True
        with self._rolled_back_on_error():
            _delete_documents(con, replaced_doc_ids)

    def insert(self, records: list[DocumentRecord]) -> None:
        with self._rolled_back_on_error():
            _insert(self.con, "documents", _documents_table(records, self.run_id))
            _insert(self.con, "items", _rows_table(records, "items", "item_no"))
            _insert(self.con, "mentions", _rows_table(records, "mentions", "mention_no"))
            tokens = [
                (r.doc_id, key) for r in records if r.analysis for key in sorted(r.analysis.name_token_keys)
            ]
            tokens_table = pa.table({"doc_id": [t[0] for t in tokens], "token_key": [t[1] for t in tokens]})
            _insert(self.con, "name_tokens", tokens_table)

    def finish(
        self,
        places: dict[str, FilePlace],
        counts: RunCounts,
        compare: Comparer | None = None,
        compare_version: str = "",
        remask: Callable[[str], str] | None = None,
    ) -> None:
        """Relink cases, compare each case's order with its plan, close the run and commit.

        ``places`` maps path_key → where every file of the export lies (masked path, folder, name date),
        refreshed for stored files too. ``compare`` gives a case's verdict from its items; cases whose
        current documents did not change keep the comparison they have, unless ``compare_version`` (of
        the rules) differs from the stored one. ``remask``, given when the run learnt names the warehouse
        did not know, masks them in every stored text, this run's included.
        """
        con = self.con
        with self._rolled_back_on_error():
            _refresh_places(con, self.run_id, places)
            if remask is not None:
                _remask_stored_texts(con, remask)
            con.execute(sql("queries/link_documents"))
            if compare is not None:
                _forget_comparisons_of_other_rules(con, compare_version)
                _store_comparisons(con, [(case, compare(case)) for case in _changed_cases(con)])
            _close_run(con, self.run_id, counts)
            con.execute("COMMIT")
            self._open = False

    def abort(self) -> None:
        """Roll back, unless an error already did or the load committed."""
        if self._open:
            self._open = False
            self.con.execute("ROLLBACK")

    @contextmanager
    def _rolled_back_on_error(self) -> Iterator[None]:
        try:
            yield
        except Exception:
            self.abort()
            raise


def _refresh_places(con: duckdb.DuckDBPyConnection, run_id: str, places: dict[str, FilePlace]) -> None:
    """Refresh where every file of the export lies, mark the stored files no longer in it as gone, and
    mark the copies of content already loaded."""
    rows = pa.table(
        {
            "path_key": pa.array(list(places), pa.string()),
            "source_path": pa.array([p.source_path for p in places.values()], pa.string()),
            "folder_key": pa.array([p.folder_key for p in places.values()], pa.string()),
            "file_date": pa.array([p.file_date for p in places.values()], pa.date32()),
        }
    )
    started_at = con.execute("SELECT started_at FROM runs WHERE run_id = ?", [run_id]).fetchone()[0]
    con.execute("SET VARIABLE run_started_at = ?", [started_at])
    con.register("file_places", rows)
    con.execute(sql("queries/refresh_places"))
    con.execute(sql("queries/mark_files"))
    con.unregister("file_places")


# Stored texts that may quote a person: a journal loaded before the DUR that gives the full name may
# call the person by first name, which only the DUR makes known.
_MASKED_TEXTS = (
    ("items", "text"),
    ("mentions", "evidence"),
    ("item_alignment", "order_text"),
    ("item_alignment", "plan_text"),
    ("added_items", "text"),
)


def _remask_stored_texts(con: duckdb.DuckDBPyConnection, mask: Callable[[str], str]) -> None:
    for table, column in _MASKED_TEXTS:
        texts = con.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL").fetchall()
        changed = [(text, masked) for (text,) in texts if (masked := mask(text)) != text]
        if not changed:
            continue
        con.register("remasked", pa.table({"old": [c[0] for c in changed], "new": [c[1] for c in changed]}))
        con.execute(f"UPDATE {table} SET {column} = r.new FROM remasked AS r WHERE {column} = r.old")
        con.unregister("remasked")


def _forget_comparisons_of_other_rules(con: duckdb.DuckDBPyConnection, version: str) -> None:
    stored = con.execute("SELECT version FROM comparison_version").fetchall()
    if stored == [(version,)]:
        return
    for table in ("comparisons", "item_alignment", "added_items", "comparison_version"):
        con.execute(f"DELETE FROM {table}")
    con.execute("INSERT INTO comparison_version VALUES (?)", [version])


def _changed_cases(con: duckdb.DuckDBPyConnection) -> list[CaseItems]:
    """The cases whose current order, current plan or unreadable scan differ from their stored comparison
    (a changed file has a new doc_id), with their items; the comparisons of cases gone are dropped."""
    inputs = con.execute(sql("queries/comparison_inputs")).fetchall()
    stored = {row[0]: tuple(row[1:]) for row in con.execute(sql("queries/stored_comparisons")).fetchall()}
    current = {case_key for case_key, *_ in inputs}
    gone = [key for key in stored if key not in current]
    changed = [row for row in inputs if stored.get(row[0]) != tuple(row[1:])]
    _delete_comparisons(con, gone + [row[0] for row in changed])
    doc_ids = sorted({doc_id for row in changed for doc_id in row[1:3] if doc_id})
    items: dict[str, list[ComparedItem]] = {}
    if doc_ids:
        con.register("compared_docs", pa.table({"doc_id": doc_ids}))
        for doc_id, item_no, kind, text in con.execute(sql("queries/compared_items")).fetchall():
            items.setdefault(doc_id, []).append(ComparedItem(doc_id, item_no, kind, text))
        con.unregister("compared_docs")
    return [
        CaseItems(
            case_key,
            order_doc_id,
            items.get(order_doc_id, []),
            plan_doc_id,
            items.get(plan_doc_id or "", []),
            unreadable,
        )
        for case_key, order_doc_id, plan_doc_id, unreadable in changed
    ]


def _delete_comparisons(con: duckdb.DuckDBPyConnection, case_keys: list[str]) -> None:
    if not case_keys:
        return
    con.register("stale_cases", pa.table({"case_key": pa.array(case_keys, pa.string())}))
    for table in ("comparisons", "item_alignment", "added_items"):
        con.execute(f"DELETE FROM {table} WHERE case_key IN (SELECT case_key FROM stale_cases)")
    con.unregister("stale_cases")


def _store_comparisons(con: duckdb.DuckDBPyConnection, results: list[tuple[CaseItems, Comparison]]) -> None:
    comparisons, alignments, added = [], [], []
    for case, result in results:
        comparisons.append(
            (
                case.case_key,
                case.order_doc_id,
                case.plan_doc_id,
                result.verdict,
                result.order_items,
                result.matched,
                result.changed,
                len(result.added),
            )
        )
        for a in result.alignments:
            plan = a.plan_item
            alignments.append(
                (
                    case.case_key,
                    case.order_doc_id,
                    a.order_item.item_no,
                    a.order_item.kind,
                    a.order_item.text,
                    plan.doc_id if plan else None,
                    plan.item_no if plan else None,
                    plan.kind if plan else None,
                    plan.text if plan else None,
                    a.similarity,
                    a.matched,
                )
            )
        added.extend((case.case_key, i.doc_id, i.item_no, i.kind, i.text) for i in result.added)
    for table, rows in (("comparisons", comparisons), ("item_alignment", alignments), ("added_items", added)):
        if rows:
            columns = [column[0] for column in con.execute(f"SELECT * FROM {table} LIMIT 0").description]
            _insert(con, table, pa.table(dict(zip(columns, map(list, zip(*rows, strict=True)), strict=True))))


def _close_run(con: duckdb.DuckDBPyConnection, run_id: str, counts: RunCounts) -> None:
    present = dict(
        con.execute(
            "SELECT status, count(*) FROM documents WHERE gone_at IS NULL AND copy_of IS NULL GROUP BY status"
        ).fetchall()
    )
    gone, copies = con.execute(
        "SELECT count(*) FILTER (WHERE gone_at IS NOT NULL), count(copy_of) FROM documents"
    ).fetchone()
    con.execute(
        """
        UPDATE runs SET status = 'completed', ended_at = ?, files_seen = ?, files_new = ?, files_changed = ?,
               files_unchanged = ?, files_gone = ?, documents_ok = ?, documents_needs_ocr = ?,
               documents_quarantined = ?, documents_gone = ?, documents_copies = ?
        WHERE run_id = ?
        """,
        [
            datetime.now(),
            counts.files_seen,
            counts.files_new,
            counts.files_changed,
            counts.files_unchanged,
            counts.files_gone,
            present.get("ok", 0),
            present.get("needs_ocr", 0),
            present.get("quarantined", 0),
            gone,
            copies,
            run_id,
        ],
    )
