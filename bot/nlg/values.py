"""Turning placeholder values into localised text: durations, numbers, dates and times."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal

from bot.i18n import N_plural, babel_locale, ngettext_for

LONDON = ZoneInfo("Europe/London")

#: Placeholder-name suffix -> (singular, plural) phrase with the number as {num}.
DURATION_UNITS: dict[str, tuple[str, str]] = {
    "_working_days": N_plural("{num} working day", "{num} working days"),
    "_months": N_plural("{num} month", "{num} months"),
    "_weeks": N_plural("{num} week", "{num} weeks"),
}


def _duration(name: str, value: int, lang: str) -> str | None:
    for suffix, (singular, plural) in DURATION_UNITS.items():
        if name.endswith(suffix):
            phrase = ngettext_for(lang)(singular, plural, value)
            return phrase.format(num=format_decimal(value, locale=babel_locale(lang)))
    return None


def _date_value(name: str, value: str, lang: str) -> str | None:
    locale = babel_locale(lang)
    if name.endswith("_datetime"):
        moment = datetime.fromisoformat(value)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=LONDON)
        return format_datetime(moment, format="full", tzinfo=LONDON, locale=locale)
    if name.endswith("_date"):
        return format_date(date.fromisoformat(value[:10]), format="full", locale=locale)
    if name.endswith("_time"):
        return format_time(time.fromisoformat(value), format="short", locale=locale)
    return None


def localise(name: str, value: Any, lang: str, translate: Callable[[str], str]) -> str:
    """The text that stands for placeholder `name` in language `lang`."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return _duration(name, value, lang) or format_decimal(value, locale=babel_locale(lang))
    if isinstance(value, str):
        try:
            formatted = _date_value(name, value, lang)
        except ValueError:
            formatted = None
        return formatted if formatted is not None else translate(value)
    return "" if value is None else str(value)
