"""A clock the test moves by hand, for code that takes a `clock` callable."""
from __future__ import annotations

from datetime import datetime, timedelta


class FakeClock:
    """Returns `now` until the test moves it with advance()."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
