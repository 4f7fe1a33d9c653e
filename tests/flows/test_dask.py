"""The nightly flow on a real local Dask cluster (dask.distributed, through prefect-dask): the same
warehouse as with the process pool."""

import shutil
from pathlib import Path

import dask
import duckdb
import pytest
from distributed import Client, LocalCluster, get_task_stream

from flows.nightly import nightly_on

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs" / "export"
CASE_FOLDERS = ("Bromma", "Farsta")
COMPARED = {
    "items": "SELECT d.path_key, i.item_no, i.kind, i.text FROM items i JOIN documents d USING (doc_id)",
    "mentions": (
        "SELECT d.path_key, m.topic, m.status, m.evidence FROM mentions m JOIN documents d USING (doc_id)"
    ),
    "case_findings": "SELECT * FROM case_findings",
    "comparisons": "SELECT * FROM comparisons",
}


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("dask-export")
    for folder in CASE_FOLDERS:
        shutil.copytree(SAMPLES / folder, root / folder)
    return root


def _contents(db_path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return {name: sorted(con.execute(query).fetchall(), key=repr) for name, query in COMPARED.items()}


def test_the_flow_on_a_dask_cluster_loads_what_the_process_pool_loads(export: Path, tmp_path: Path) -> None:
    key = b"dask-test-key-".ljust(32, b"k")
    for name in ("pool", "dask"):
        (tmp_path / f"{name}.duckdb.key").write_bytes(key)
        (tmp_path / f"{name}.duckdb.key").chmod(0o600)
    pool_flow, _ = nightly_on(None)
    pool_flow(str(export), str(tmp_path / "pool.duckdb"))

    # Worker processes start the file readers as their children: not daemonic.
    with (
        dask.config.set({"distributed.worker.daemon": False}),
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
    ):
        dask_flow, workers = nightly_on(cluster.scheduler_address)
        assert workers == 2
        with Client(cluster) as client, get_task_stream(client) as stream:
            summary = dask_flow(str(export), str(tmp_path / "dask.duckdb"), workers=workers)
        dask_workers = set(cluster.scheduler_info["workers"])
    files = sum(1 for p in export.rglob("*") if p.is_file())
    assert summary.counts.files_new == files
    assert stream.data, "no task ran on the Dask workers"
    assert {task["worker"] for task in stream.data} <= dask_workers
    pool, on_dask = _contents(tmp_path / "pool.duckdb"), _contents(tmp_path / "dask.duckdb")
    assert all(pool[name] for name in COMPARED)
    assert on_dask == pool
