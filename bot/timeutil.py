"""Time helpers: conferences are arranged in London local time but stored in UTC."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

#: A clock returns the current time as an aware datetime (tests inject a fake one).
Clock = Callable[[], datetime]


def utcnow() -> datetime:
    """The real clock."""
    return datetime.now(timezone.utc)


def require_aware(value: datetime) -> datetime:
    """Refuse naive datetimes: a naive value would be silently read as the wrong zone."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware")
    return value


def london_to_utc(day: date, clock_time: time) -> datetime:
    """Turn a London wall-clock date and time into an aware UTC datetime.

    A time that does not exist (the hour skipped when the clocks go forward) is refused
    rather than shifted, so a typo in an import cannot silently move a conference.
    Ambiguous times (the repeated hour in October) are read as the first, BST, one.
    """
    naive = datetime.combine(day, clock_time.replace(tzinfo=None))
    local = naive.replace(tzinfo=LONDON, fold=0)
    utc = local.astimezone(timezone.utc)
    if utc.astimezone(LONDON).replace(tzinfo=None) != naive:
        raise ValueError(f"{day.isoformat()} {clock_time.strftime('%H:%M')} does not exist in London "
                         "(the clocks go forward then)")
    return utc


def to_london(value: datetime) -> datetime:
    """An aware datetime in London local time."""
    return require_aware(value).astimezone(LONDON)


def london_date(value: datetime) -> date:
    """The London calendar date of an aware datetime."""
    return to_london(value).date()
