"""Field checks shared by the importer and the admin commands.

Each parser takes raw text (or a JSON scalar) and returns a clean value or raises
ValueError with a reason written for the council officer who has to fix the file.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any, Optional

from babel import Locale, UnknownLocaleError

from bot.cases.models import ATTENDANCE, CONFERENCE_TYPES, ROLES
from bot.cases.refs import reference_key

_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 /_.\-]{2,63}$")
_NAME = re.compile(r"^[^\W\d_]+(?:['\-][^\W\d_]+)*$")
_PHONE = re.compile(r"^\+?[0-9 ()\-]+$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}


def text(value: Any) -> str:
    """A JSON scalar or CSV cell as stripped text ('' for empty/null)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    raise ValueError("must be a single value, not a list or object")


def reference(value: Any) -> str:
    raw = text(value)
    if not raw:
        raise ValueError("reference is empty")
    if not _REFERENCE.match(raw) or len(reference_key(raw)) < 3:
        raise ValueError(f"reference {raw!r} must be 3-64 letters, digits, spaces, dashes, dots or slashes")
    return raw.upper()


def choice(value: Any, allowed: tuple[str, ...], what: str, default: Optional[str] = None) -> str:
    raw = text(value).lower().replace("-", "_").replace(" ", "_")
    if not raw and default is not None:
        return default
    if raw not in allowed:
        shown = text(value) or "(empty)"
        raise ValueError(f"{what} {shown!r} is not one of {', '.join(allowed)}")
    return raw


def conference_type(value: Any) -> str:
    return choice(value, CONFERENCE_TYPES, "type")


def role(value: Any) -> str:
    return choice(value, ROLES, "role")


def attendance(value: Any) -> str:
    return choice(value, ATTENDANCE, "attendance", default="full")


def iso_date(value: Any, what: str = "date") -> date:
    raw = text(value)
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{what} {raw or '(empty)'!r} is not a date like 2027-01-14") from None


def optional_date(value: Any, what: str) -> Optional[date]:
    return iso_date(value, what) if text(value) else None


def clock_time(value: Any) -> time:
    raw = text(value)
    try:
        return datetime.strptime(raw, "%H:%M").time()
    except ValueError:
        raise ValueError(f"time {raw or '(empty)'!r} is not a 24-hour time like 09:30") from None


def yes_no(value: Any, what: str, default: bool) -> bool:
    raw = text(value).lower()
    if not raw:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(f"{what} {raw!r} must be yes or no")


def whole_number(value: Any, what: str, low: int, high: int) -> Optional[int]:
    raw = text(value)
    if not raw:
        return None
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(f"{what} {raw!r} must be a whole number")
    try:
        number = int(float(raw)) if isinstance(value, float) else int(raw)
    except ValueError:
        raise ValueError(f"{what} {raw!r} must be a whole number") from None
    if not low <= number <= high:
        raise ValueError(f"{what} {number} must be between {low} and {high}")
    return number


def first_name(value: Any) -> str:
    raw = text(value)
    if not raw:
        raise ValueError("name is empty")
    if len(raw) > 40 or not _NAME.match(raw):
        raise ValueError(f"name {raw!r} must be a first name only (letters, with - or ' allowed; no spaces)")
    return raw


def phone(value: Any) -> str:
    raw = text(value)
    digits = re.sub(r"\D", "", raw)
    if not raw or not _PHONE.match(raw) or not 10 <= len(digits) <= 13 or len(raw) > 32:
        raise ValueError(f"team_phone {raw or '(empty)'!r} is not a phone number like 01632 960001")
    return raw


def language(value: Any) -> str:
    raw = text(value) or "en"
    if not _LANGUAGE.match(raw):
        raise ValueError(f"language {raw!r} must be a language code like en or pl")
    try:
        Locale.parse(raw.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"language {raw!r} is not a known language code") from None
    return raw.lower()


def bounded_text(value: Any, what: str, limit: int, required: bool) -> Optional[str]:
    raw = text(value)
    if not raw:
        if required:
            raise ValueError(f"{what} is empty")
        return None
    if len(raw) > limit:
        raise ValueError(f"{what} is longer than {limit} characters")
    return raw


def agency(value: Any) -> str:
    return bounded_text(value, "agency", 80, required=True)  # type: ignore[return-value]
