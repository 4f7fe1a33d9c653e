"""The nightly flow: discover → extract and analyse in parallel batches → load each batch as it comes
back, all in one transaction."""

from __future__ import annotations

import fcntl
import math
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from prefect import Flow, flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ProcessPoolTaskRunner

from flows.discover import SourceFile, discover
from flows.manifest import manifests, read_manifest
from flows.process import FileLimits, file_place
from flows.sandbox import sandbox_for
from flows.timing import StageTimes
from nlp.compare import compare_case, rules_version
from nlp.privacy import Pseudonymizer, load_or_create_key
from warehouse import db
from warehouse.db import sql
from warehouse.model import DocumentRecord, RunCounts, RunInfo
from warehouse.publish import publish

WORKERS = os.cpu_count() or 2
DEFAULT_BATCH_SIZE = 200  # most files per task: each task costs Prefect about a tenth of a second
MIN_BATCH_SIZE = 10
BATCHES_PER_WORKER = 4  # of what is left, so that batches shrink and the workers finish together


class RunInProgressError(RuntimeError):
    """Another run holds the warehouse's writer lock."""


@dataclass(slots=True)
class RunSummary:
    run_id: str
    counts: RunCounts
    statuses: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # masked path, status, error
    cases: int = 0
    times: StageTimes = field(default_factory=StageTimes)


@dataclass(frozen=True, slots=True)
class _Run:
    """What every step of one run needs to know."""

    run_id: str
    root: Path
    database: Path
    key_file: str
    pseudonymizer: Pseudonymizer
    times: StageTimes


def key_file_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".key")


@contextmanager
def writer_lock(db_path: Path) -> Iterator[None]:
    """One writer per warehouse: a second run fails at once instead of waiting on DuckDB's lock."""
    lock_path = db_path.with_name(db_path.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise RunInProgressError(
                f"another run is writing {db_path}; try again when it has finished"
            ) from error
        yield


def _pseudonymizer(key_file: str) -> Pseudonymizer:
    return Pseudonymizer(load_or_create_key(Path(key_file)))


# A batch's files are named in a manifest the task reads, never in its parameters: Prefect records task
# parameters, and a path may name the person. Results are not persisted for the same reason.
@task(name="extract-and-analyse", persist_result=False, cache_policy=NO_CACHE)
def process_batch(manifest: str, export_root: str, key_file: str, limits: FileLimits) -> list[DocumentRecord]:
    files = read_manifest(Path(manifest))
    sandbox = sandbox_for(export_root, key_file, limits)
    return [sandbox.process(source) for source in files]


def _batches(files: list[SourceFile], largest: int, workers: int) -> list[list[SourceFile]]:
    """Batches that shrink towards the end of the run (guided scheduling): few tasks while much is left,
    small ones last, so that no worker is left alone with a big batch."""
    batches, start = [], 0
    while start < len(files):
        left = len(files) - start
        size = max(MIN_BATCH_SIZE, min(largest, math.ceil(left / (workers * BATCHES_PER_WORKER))))
        batches.append(files[start : start + size])
        start += size
    return batches


def _plan(
    files: list[SourceFile], stored: dict, pseudonymizer: Pseudonymizer
) -> tuple[list, list, RunCounts]:
    """Which files need work: new paths, and paths whose content changed (their old rows are replaced)."""
    counts = RunCounts(files_seen=len(files))
    todo, replaced = [], []
    seen_keys = set()
    for source in files:
        path_key = pseudonymizer.path_key(source.relative_path)
        seen_keys.add(path_key)
        known = stored.get(path_key)
        if known is None:
            counts.files_new += 1
            todo.append(source)
        elif known.sha256 != source.sha256:
            counts.files_changed += 1
            todo.append(source)
            replaced.append(known.doc_id)
        else:
            counts.files_unchanged += 1
    counts.files_gone = sum(1 for key, known in stored.items() if key not in seen_keys and not known.gone)
    return todo, replaced, counts


def _mask(records: list[DocumentRecord], token_keys: set[str], pseudonymizer: Pseudonymizer) -> None:
    """Mask the paths, items and evidence sentences of a batch against every name known so far (the
    warehouse's and this run's), learning the batch's names first: a journal may name the person only by
    first name, which another document gives in full. Names learnt later are masked when the run ends."""
    for record in records:
        if record.analysis:
            token_keys |= record.analysis.name_token_keys
    for record in records:
        record.source_path = pseudonymizer.mask_path(record.source_path, token_keys)
        if record.analysis:
            analysis = record.analysis
            analysis.items = [
                replace(i, text=pseudonymizer.mask_text(i.text, token_keys)) for i in analysis.items
            ]
            analysis.mentions = [
                replace(m, evidence=pseudonymizer.mask_text(m.evidence, token_keys))
                for m in analysis.mentions
            ]


@flow(
    name="nightly",
    task_runner=ProcessPoolTaskRunner(max_workers=WORKERS),
    log_prints=True,
    persist_result=False,
)
def nightly(
    export_root: str,
    db_path: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    limits: FileLimits | None = None,
    workers: int = WORKERS,
) -> RunSummary:
    """Load the export under `export_root` into the warehouse at `db_path`, each file within `limits`;
    `workers` is how many tasks the task runner runs at once."""
    logger = get_run_logger()
    limits = limits or FileLimits()
    root, database = Path(export_root), Path(db_path)
    key_file = str(key_file_for(database))
    pseudonymizer = _pseudonymizer(key_file)
    run_id = uuid.uuid4().hex[:12]
    times = StageTimes()
    run = _Run(run_id, root, database, key_file, pseudonymizer, times)
    with writer_lock(database):
        with times.measure("discover"):
            files = discover(root)
        times.items["discover"] = len(files)
        with db.connect(database) as con:
            stored = db.stored_files(con)
            token_keys = db.name_token_keys(con)
            interrupted = db.start_run(con, RunInfo(run_id, datetime.now()))
        if interrupted:
            logger.warning(
                "%d earlier run(s) stopped before they finished; this run does their work", interrupted
            )
        todo, replaced, counts = _plan(files, stored, pseudonymizer)
        logger.info(
            "run %s: %d files, %d new, %d changed, %d unchanged, %d gone",
            run_id,
            counts.files_seen,
            counts.files_new,
            counts.files_changed,
            counts.files_unchanged,
            counts.files_gone,
        )
        try:
            summary = _extract_analyse_and_load(
                _batches(todo, batch_size, workers), run, limits, replaced, files, counts, token_keys
            )
            logger.info("stage times:\n%s", "\n".join(times.lines()))
            return summary
        except BaseException as error:
            # The message may quote a path that names the person: mask it like any stored path.
            message = pseudonymizer.mask_path(f"{type(error).__name__}: {error}", token_keys)
            with db.connect(database) as con:
                db.fail_run(con, run_id, message)
            raise


def _extract_analyse_and_load(
    batches: list[list[SourceFile]],
    run: _Run,
    limits: FileLimits,
    replaced: list[str],
    files: list[SourceFile],
    counts: RunCounts,
    token_keys: set[str],
) -> RunSummary:
    """Batches go to the workers; each batch's documents go into the warehouse as it comes back, in one
    transaction that the end of the run relinks, compares, commits and publishes."""
    known_keys = set(token_keys)
    with db.connect(run.database) as con:
        load = db.Load(con, run.run_id, replaced)
        try:
            problems = _stream(batches, run, limits, load, token_keys)
        except BaseException:
            load.abort()
            raise
        with run.times.measure("load"):
            places = {
                run.pseudonymizer.path_key(f.relative_path): file_place(
                    f.relative_path, run.pseudonymizer, frozenset(token_keys)
                )
                for f in files
            }
            new_keys = frozenset(token_keys - known_keys)
            remask = (lambda text: run.pseudonymizer.mask_text(text, new_keys)) if new_keys else None
            load.finish(places, counts, run.times.timed("compare", compare_case), rules_version(), remask)
            publish(con, run.database)
            summary = _summary(con, run, counts, problems)
    run.times.seconds["load"] -= run.times.seconds.get("compare", 0.0)
    return summary


def _stream(
    batches: list[list[SourceFile]], run: _Run, limits: FileLimits, load: db.Load, token_keys: set[str]
) -> list[tuple[str, str, str]]:
    """Every batch through the workers and into the open transaction; the files that are not ok."""
    logger = get_run_logger()
    total, done, problems = sum(map(len, batches)), 0, []
    logger.info("loading %d documents into the warehouse in one transaction, batch by batch", total)
    with run.times.measure("in_parallel", total), manifests(run.database, run.run_id, batches) as paths:
        root = str(run.root)
        futures = [process_batch.submit(str(path), root, run.key_file, limits) for path in paths]
        for future in as_completed(futures):
            records = future.result()
            _add_worker_times(run.times, records)
            with run.times.measure("load", len(records)):
                _mask(records, token_keys, run.pseudonymizer)
                load.insert(records)
            problems += [(r.source_path, r.status, r.error or "") for r in records if r.status != "ok"]
            done += len(records)
            logger.info("extracted, analysed and loaded %d/%d files (not committed yet)", done, total)
    return problems


def _add_worker_times(times: StageTimes, records: list[DocumentRecord]) -> None:
    times.add("extract", sum(r.extract_seconds for r in records), len(records))
    analysed = [r for r in records if r.analyse_seconds > 0]
    times.add("analyse", sum(r.analyse_seconds for r in analysed), len(analysed))


def _summary(con, run: _Run, counts: RunCounts, problems: list[tuple[str, str, str]]) -> RunSummary:
    statuses = dict(con.execute(sql("reports/documents_by_status")).fetchall())
    cases = con.execute("SELECT count(*) FROM case_findings").fetchone()[0]
    return RunSummary(run.run_id, counts, statuses, sorted(problems), cases, run.times)


def nightly_on(dask_address: str | None) -> tuple[Flow, int]:
    """The nightly flow with its task runner, and how many tasks that runner runs at once: the process
    pool of this machine, or the Dask cluster at `dask_address` (tcp://host:port), which needs the export
    folder, the warehouse's folder and its key file at the same paths as here."""
    if dask_address is None:
        return nightly, WORKERS
    from distributed import Client
    from prefect_dask import DaskTaskRunner

    with Client(dask_address, timeout=30) as client:
        threads = sum(client.nthreads().values())
    return nightly.with_options(task_runner=DaskTaskRunner(address=dask_address)), max(1, threads)
