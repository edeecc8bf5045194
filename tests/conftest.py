"""Test-wide fixtures. The assistant runs on test ports with a throwaway data folder."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.support.postgres import PostgresServer
    from tests.support.stack import Stack

_VAR = Path(tempfile.mkdtemp(prefix="cpc-test-var-"))
os.environ["CPC_VAR_DIR"] = str(_VAR)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
from tests.support.stack import TEST_PORTS  # noqa: E402  (after CPC_VAR_DIR is set)

os.environ.update(TEST_PORTS)
os.environ["DATABASE_URL"] = f"sqlite:///{_VAR / 'cases.db'}"
os.environ["TRACKER_DB_URL"] = f"sqlite:///{_VAR / 'conversations.db'}"


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    """Every service of the assistant, started once for the whole test session."""
    from bot.ops.services import build_supervisor
    from bot.settings import load_settings
    from tests.support.stack import Stack, model_for_tests, prepare_case_database

    supervisor, settings = build_supervisor(load_settings(), model_for_tests(), _VAR)
    prepare_case_database(supervisor.env)
    try:
        supervisor.start_all()
        yield Stack(settings, supervisor)
    finally:
        supervisor.stop_all()


_postgres_skips: list[str] = []


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL server for the whole run; tests create their own databases in it.

    Set CPC_SKIP_POSTGRES=1 to skip the PostgreSQL runs on purpose; the skip is reported.
    """
    from tests.support.postgres import PostgresUnavailable, throwaway_server

    if os.environ.get("CPC_SKIP_POSTGRES"):
        _postgres_skips.append("CPC_SKIP_POSTGRES is set")
        pytest.skip("PostgreSQL tests skipped: CPC_SKIP_POSTGRES is set")
    stack = ExitStack()
    try:
        server = stack.enter_context(throwaway_server())
    except PostgresUnavailable as exc:
        _postgres_skips.append(str(exc))
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    with stack:
        yield server


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for reason in dict.fromkeys(_postgres_skips):
        terminalreporter.write_line(f"PostgreSQL tests were SKIPPED: {reason}", yellow=True)
