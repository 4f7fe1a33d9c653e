"""Test-wide settings: Prefect gets its own home so tests never touch an operator's state, and one
temporary server that every flow run in the test process shares."""

import os
import tempfile

import pytest

os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="aktgranskning-test-prefect-")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.pop("AKTGRANSKNING_KEY", None)


@pytest.fixture(scope="session", autouse=True)
def prefect_server():
    from flows.prefect_api import prefect_api

    with prefect_api():
        yield
