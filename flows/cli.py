"""The `aktgranskning` command line."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from flows.process import FileLimits

PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_LOGGING_LEVEL": "INFO",
}


def _configure_prefect(db_path: Path) -> None:
    """Prefect's home beside the warehouse unless the operator chose one.

    Must run before prefect is imported: its settings are read at import."""
    os.environ.setdefault("PREFECT_HOME", str(db_path.resolve().parent / ".prefect"))
    # Prefect does not create missing parent folders, and its server then fails with an opaque timeout.
    Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)


def _print_table(columns: list[str], rows: list[tuple]) -> None:
    cells = [[("" if value is None else str(value)) for value in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))


def _query(db_path: Path, query: str) -> None:
    from warehouse.publish import open_for_reading

    with open_for_reading(db_path) as con:
        result = con.execute(query)
        _print_table([d[0] for d in result.description], result.fetchall())


def command_run(args: argparse.Namespace) -> int:
    _configure_prefect(args.db)
    from flows.nightly import RunInProgressError, nightly_on
    from flows.prefect_api import prefect_api

    if not args.export_dir.is_dir():
        print(f"error: export folder {args.export_dir} does not exist", file=sys.stderr)
        return 2
    limits = FileLimits(
        seconds=args.file_timeout,
        memory_mb=args.file_memory_mb,
        max_bytes=args.max_file_mb * 1024 * 1024,
        max_pages=args.max_pages,
    )
    try:
        with prefect_api() as startup:
            if startup:
                print(f"Prefect's temporary server started in {startup:.1f} s")
            flow, workers = nightly_on(args.dask_address)
            summary = flow(str(args.export_dir), str(args.db), args.batch_size, limits, workers)
    except RunInProgressError as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    counts = summary.counts
    print(
        f"\nrun {summary.run_id} completed: {counts.files_seen} files seen, {counts.files_new} new, "
        f"{counts.files_changed} changed, {counts.files_unchanged} unchanged, {counts.files_gone} gone"
    )
    print("documents in the warehouse: " + ", ".join(f"{n} {s}" for s, n in summary.statuses.items()))
    print(f"cases: {summary.cases}")
    print("time by stage (seconds, items, items per second; extract and analyse summed over the workers):")
    for line in summary.times.lines():
        print(f"  {line}")
    for path, status, error in summary.problems:
        print(f"  {status:<12} {path}: {error}")
    return 0


def command_serve(args: argparse.Namespace) -> int:
    _configure_prefect(args.db)
    from flows.nightly import nightly

    nightly.serve(
        name=args.name,
        cron=args.cron,
        parameters={"export_root": str(args.export_dir.resolve()), "db_path": str(args.db.resolve())},
        limit=1,
    )
    return 0


def command_findings(args: argparse.Namespace) -> int:
    _query(args.db, "SELECT * FROM case_findings")
    return 0


def command_sql(args: argparse.Namespace) -> int:
    _query(args.db, args.query)
    return 0


def command_report(args: argparse.Namespace) -> int:
    from warehouse.publish import open_for_reading
    from warehouse.report import write_report

    with open_for_reading(args.db) as con:
        write_report(con, args.out)
    print(f"report written to {args.out}")
    return 0


def command_review_queue(args: argparse.Namespace) -> int:
    from warehouse.publish import open_for_reading
    from warehouse.review_queue import write_queue

    with open_for_reading(args.db) as con:
        cases = write_queue(con, args.out)
    print(f"review queue of {cases} cases written to {args.out}")
    return 0


def command_queries(args: argparse.Namespace) -> int:
    from warehouse.db import SQL_DIR

    for path in sorted((SQL_DIR / "examples").glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        title = text.splitlines()[0].removeprefix("--").strip()
        print(f"\n== {title}  ({path.name})")
        _query(args.db, text)
    return 0


def command_locate(args: argparse.Namespace) -> int:
    from flows.locate import locate
    from flows.nightly import key_file_for

    found = locate(args.case_key, args.export_dir, args.db, key_file_for(args.db))
    for relative in found:
        print(args.export_dir / relative)
    if not found:
        print(f"no file under {args.export_dir} belongs to case {args.case_key}", file=sys.stderr)
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aktgranskning", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run the nightly flow once over an export folder")
    run.add_argument("export_dir", type=Path)
    run.add_argument("--db", type=Path, required=True, help="the DuckDB warehouse file (created if missing)")
    run.add_argument(
        "--batch-size",
        type=int,
        default=200,
        help="most files per parallel task (default 200); batches shrink towards the end of the run",
    )
    run.add_argument(
        "--dask-address",
        metavar="tcp://HOST:PORT",
        help="extract and analyse on this Dask cluster instead of this machine's processes; its workers "
        "need the export, the warehouse's folder and key file at the same paths, and PREFECT_API_URL",
    )
    defaults = FileLimits()
    limits = (
        ("--file-timeout", float, defaults.seconds, "seconds one file may take to read before it is refused"),
        ("--file-memory-mb", int, defaults.memory_mb, "MB one file may take to read before it is refused"),
        ("--max-file-mb", int, defaults.max_bytes // (1024 * 1024), "larger files (MB) are refused unread"),
        ("--max-pages", int, defaults.max_pages, "PDFs with more pages are refused unread"),
    )
    for flag, kind, default, meaning in limits:
        run.add_argument(flag, type=kind, default=default, help=f"{meaning} (default {default:g})")
    run.set_defaults(handler=command_run)

    serve = commands.add_parser("serve", help="serve the nightly flow on a schedule (needs a Prefect server)")
    serve.add_argument("export_dir", type=Path)
    serve.add_argument("--db", type=Path, required=True)
    serve.add_argument("--cron", default="0 2 * * *", help='cron schedule (default "0 2 * * *")')
    serve.add_argument("--name", default="aktgranskning-nightly", help="deployment name")
    serve.set_defaults(handler=command_serve)

    findings = commands.add_parser("findings", help="print one row per case from the warehouse")
    findings.add_argument("--db", type=Path, required=True)
    findings.set_defaults(handler=command_findings)

    query = commands.add_parser("sql", help="run a read-only SQL query against the warehouse")
    query.add_argument("query")
    query.add_argument("--db", type=Path, required=True)
    query.set_defaults(handler=command_sql)

    report = commands.add_parser("report", help="write the audit report's tables and charts as one HTML file")
    report.add_argument("--db", type=Path, required=True)
    report.add_argument("--out", type=Path, default=Path("report.html"))
    report.set_defaults(handler=command_report)

    review = commands.add_parser("review-queue", help="write the pre-screening list as .xlsx or .csv")
    review.add_argument("--db", type=Path, required=True)
    review.add_argument("--out", type=Path, default=Path("queue.xlsx"), help="queue.xlsx or queue.csv")
    review.set_defaults(handler=command_review_queue)

    examples = commands.add_parser("queries", help="run the inspectors' example queries (warehouse/examples)")
    examples.add_argument("--db", type=Path, required=True)
    examples.set_defaults(handler=command_queries)

    locate = commands.add_parser(
        "locate", help="for the key holder: list the files under EXPORT_DIR of the case with this case_key"
    )
    locate.add_argument("case_key")
    locate.add_argument("export_dir", type=Path)
    locate.add_argument("--db", type=Path, required=True)
    locate.set_defaults(handler=command_locate)
    return parser


def main(argv: list[str] | None = None) -> int:
    from nlp.privacy import KeyFileError
    from warehouse.publish import WarehouseBusyError

    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (KeyFileError, WarehouseBusyError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
