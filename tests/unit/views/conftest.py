"""Fixtures for the young person's path: a demo case database, a settable clock, both back ends."""
from __future__ import annotations

import os
import uuid
from contextlib import ExitStack
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest


HMAC_KEY = b"views-tests-hmac-key-0123456789abcdef"
START = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture()
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def postgres_server():
    if os.environ.get("CPC_SKIP_POSTGRES"):
        pytest.skip("PostgreSQL tests skipped: CPC_SKIP_POSTGRES is set")
    from tests.support.postgres import PostgresUnavailable, throwaway_server

    stack = ExitStack()
    try:
        server = stack.enter_context(throwaway_server())
    except PostgresUnavailable as exc:
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    with stack:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path: Path) -> str:
    """An empty database on each back end."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'drafts.db'}"
    server = request.getfixturevalue("postgres_server")
    return server.create_database(f"v_{uuid.uuid4().hex[:16]}")


@pytest.fixture()
def conversation() -> str:
    return f"conv-{uuid.uuid4().hex}"
