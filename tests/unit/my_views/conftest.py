"""Fixtures for the young person's path: a settable clock starting at START."""
from __future__ import annotations

import pytest

from tests.support.clock import FakeClock
from tests.unit.my_views.testdata import START


@pytest.fixture()
def clock() -> FakeClock:
    return FakeClock(START)
