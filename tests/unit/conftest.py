"""Fixtures shared by the unit and action tests: real databases on both back ends, and the
demo cases in the SQLite database the actions use."""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from actions.case_service import case_service
from actions.my_views_common import draft_store
from bot.cases.admin import CaseAdmin
from bot.cases.demo import load_demo
from bot.profile import load_profile


@pytest.fixture()
def demo_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The demo cases in a fresh SQLite database that the actions use (DATABASE_URL)."""
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    admin = CaseAdmin(url, dict(load_profile().timescales))
    load_demo(admin)
    admin.close()
    case_service.cache_clear()
    draft_store.cache_clear()
    yield url
    for cached in (case_service, draft_store):
        if cached.cache_info().currsize:
            cached().close()
        cached.cache_clear()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each back end (a fresh PostgreSQL database per test)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    server = request.getfixturevalue("postgres_server")
    return server.create_database(f"t_{uuid.uuid4().hex[:16]}")


@pytest.fixture()
def conversation() -> str:
    return f"conv-{uuid.uuid4().hex}"
