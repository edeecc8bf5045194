"""Fixtures for the case-data tests: a settable clock at DEMO_NOW, the admin and the service
on each back end (tests/unit/conftest.py's db_url), and the demo cases."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.cases.admin import CaseAdmin
from bot.cases.demo import load_demo
from bot.cases.service import CaseService
from tests.support.clock import FakeClock
from tests.unit.cases.testdata import DEMO_NOW, HMAC_KEY, TIMESCALES


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
