"""Fixtures shared by the action tests: a real case database (SQLite) holding the demo cases."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from actions.case_service import case_service
from actions.views_common import draft_store
from bot.cases.admin import CaseAdmin
from bot.cases.demo import load_demo
from bot.profile import load_profile


@pytest.fixture()
def demo_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The demo cases in a fresh SQLite database that the actions use (DATABASE_URL)."""
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    admin = CaseAdmin(url, dict(load_profile().section("timescales")))
    load_demo(admin)
    admin.close()
    case_service.cache_clear()
    draft_store.cache_clear()
    yield url
    for cached in (case_service, draft_store):
        if cached.cache_info().currsize:
            cached().close()
        cached.cache_clear()
