"""Action tests use a real case database (SQLite) holding the demo cases."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from actions.case_service import case_service
from bot.cases.admin import CaseAdmin
from bot.cases.demo import load_demo
from bot.profile import load_profile


@pytest.fixture()
def demo_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    admin = CaseAdmin(url, dict(load_profile().section("timescales")))
    load_demo(admin)
    admin.close()
    case_service.cache_clear()
    yield url
    case_service().close()
    case_service.cache_clear()
