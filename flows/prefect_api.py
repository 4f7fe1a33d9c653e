"""Prefect's API for a run: the operator's server, or one temporary server shared by the flow and its
task workers.

Left alone, Prefect starts a temporary server in the flow's process and another in every process-pool
worker, each costing seconds of start-up and its own database. Starting one here and handing its address
to the workers through PREFECT_API_URL makes that a single, measured cost.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

API_URL = "PREFECT_API_URL"


@contextmanager
def prefect_api() -> Iterator[float]:
    """The seconds it took to make Prefect's API available (0 when PREFECT_API_URL names a server)."""
    if os.environ.get(API_URL):
        yield 0.0
        return
    from prefect.server.api.server import SubprocessASGIServer

    started = time.perf_counter()
    server = SubprocessASGIServer()
    server.start()
    os.environ[API_URL] = server.api_url
    try:
        yield time.perf_counter() - started
    finally:
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=5)  # the run's last log lines, before their server goes
        del os.environ[API_URL]
        server.stop()
