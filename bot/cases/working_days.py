"""Working-day and calendar-month arithmetic for conference timescales.

A working day is Monday to Friday except the bank holidays of England and Wales, taken
from the maintained `holidays` library (subdivision ENG covers England and Wales) so that
substitute days such as "Boxing Day (observed)" are right without a hand-kept list.
"""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta


@lru_cache(maxsize=1)
def _bank_holidays() -> holidays.HolidayBase:
    # One shared instance; it adds years on demand as dates are looked up.
    return holidays.country_holidays("GB", subdiv="ENG")


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays()


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (before it when `count` is negative).

    `start` itself is never counted, so "2 working days before Thursday 14 January 2027"
    is `add_working_days(date(2027, 1, 14), -2)` == Tuesday 12 January 2027.
    """
    step = timedelta(days=1 if count >= 0 else -1)
    remaining = abs(count)
    day = start
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def subtract_working_days(start: date, count: int) -> date:
    return add_working_days(start, -count)


def add_months(start: date, months: int) -> date:
    """Calendar months; the day is clipped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    return start + relativedelta(months=months)
