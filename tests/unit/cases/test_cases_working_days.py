"""Working days without weekends and England and Wales bank holidays, and month arithmetic."""
from datetime import date

import pytest

from bot.cases.working_days import add_months, add_working_days, is_working_day, subtract_working_days


def test_demo_report_due_dates():
    # CPC-DEMO-0001: initial conference Thu 14 Jan 2027, reports 2 working days before.
    assert subtract_working_days(date(2027, 1, 14), 2) == date(2027, 1, 12)
    # CPC-DEMO-0002: review Wed 31 Mar 2027, 3 working days before, over Good Friday and Easter Monday.
    assert subtract_working_days(date(2027, 3, 31), 3) == date(2027, 3, 24)


@pytest.mark.parametrize("day", [
    date(2026, 12, 25), date(2026, 12, 28),  # Christmas; Boxing Day (Sat) observed on Monday
    date(2027, 1, 1),                        # New Year's Day
    date(2026, 4, 3), date(2026, 4, 6),      # Easter 2026
    date(2027, 3, 26), date(2027, 3, 29),    # Easter 2027
    date(2027, 12, 27), date(2027, 12, 28),  # Christmas 2027 on a weekend: both observed
])
def test_bank_holidays_are_not_working_days(day):
    assert not is_working_day(day)


@pytest.mark.parametrize("day", [date(2026, 12, 29), date(2027, 1, 4), date(2027, 3, 25), date(2027, 3, 30)])
def test_ordinary_weekdays_are_working_days(day):
    assert is_working_day(day)


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2027, 1, 9)) and not is_working_day(date(2027, 1, 10))


@pytest.mark.parametrize("start, count, expected", [
    # Christmas and New Year 2026-27
    (date(2026, 12, 24), 1, date(2026, 12, 29)),
    (date(2026, 12, 24), 10, date(2027, 1, 12)),
    (date(2027, 1, 4), -2, date(2026, 12, 30)),
    (date(2026, 12, 31), 1, date(2027, 1, 4)),
    (date(2027, 12, 24), 1, date(2027, 12, 29)),
    # Easter 2026 and 2027
    (date(2026, 4, 2), 1, date(2026, 4, 7)),
    (date(2026, 4, 8), -3, date(2026, 4, 1)),
    (date(2027, 3, 25), 1, date(2027, 3, 30)),
    (date(2027, 3, 30), -1, date(2027, 3, 25)),
    # ordinary weeks, and the start day is never counted
    (date(2027, 1, 14), 10, date(2027, 1, 28)),
    (date(2027, 1, 14), 20, date(2027, 2, 11)),
    (date(2027, 1, 9), 1, date(2027, 1, 11)),
    (date(2027, 1, 14), 0, date(2027, 1, 14)),
])
def test_add_working_days(start, count, expected):
    assert add_working_days(start, count) == expected


def test_subtract_is_add_backwards():
    assert subtract_working_days(date(2026, 4, 8), 3) == add_working_days(date(2026, 4, 8), -3)


@pytest.mark.parametrize("start, months, expected", [
    (date(2027, 1, 14), 3, date(2027, 4, 14)),
    (date(2027, 4, 14), 6, date(2027, 10, 14)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),  # clipped to the end of a short month
    (date(2027, 8, 31), 6, date(2028, 2, 29)),   # leap year
])
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected
