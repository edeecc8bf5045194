"""Fixtures for the case-data tests: real databases (SQLite file, and a throwaway PostgreSQL
when the binaries are installed), a settable clock, and the demo cases.

Set CPC_SKIP_POSTGRES=1 to skip the PostgreSQL runs on purpose.
"""
from __future__ import annotations

import os
import sys
import uuid
from contextlib import ExitStack
from pathlib import Path
from typing import Iterator, List

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
for _path in (ROOT, HERE):  # the project (bot, tests.support) and this folder's helpers
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from bot.cases.admin import CaseAdmin  # noqa: E402
from bot.cases.demo import load_demo  # noqa: E402
from bot.cases.service import CaseService  # noqa: E402
from tests.support.postgres import PostgresServer, PostgresUnavailable, throwaway_server  # noqa: E402

from cases_testdata import DEMO_NOW, HMAC_KEY, TIMESCALES, FakeClock  # noqa: E402

_postgres_skips: List[str] = []


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    if os.environ.get("CPC_SKIP_POSTGRES"):
        reason = "CPC_SKIP_POSTGRES is set"
        _postgres_skips.append(reason)
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    stack = ExitStack()
    try:
        server = stack.enter_context(throwaway_server())
    except PostgresUnavailable as exc:
        _postgres_skips.append(str(exc))
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    with stack:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """An empty database on each back end (a fresh PostgreSQL database per test)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cases.db'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database(f"t_{uuid.uuid4().hex[:16]}")


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'cases.db'}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(DEMO_NOW)


@pytest.fixture
def admin(db_url, clock) -> Iterator[CaseAdmin]:
    instance = CaseAdmin(db_url, TIMESCALES, clock, hmac_key=HMAC_KEY)
    yield instance
    instance.close()


@pytest.fixture
def service(db_url, clock, admin) -> Iterator[CaseService]:
    instance = CaseService(db_url, TIMESCALES, clock=clock, hmac_key=HMAC_KEY)
    yield instance
    instance.close()


@pytest.fixture
def demo(admin) -> CaseAdmin:
    load_demo(admin)
    return admin


@pytest.fixture
def conversation() -> str:
    return f"conv-{uuid.uuid4().hex}"


def pytest_terminal_summary(terminalreporter) -> None:
    for reason in dict.fromkeys(_postgres_skips):
        terminalreporter.write_line(f"cases: PostgreSQL tests were SKIPPED: {reason}", yellow=True)
