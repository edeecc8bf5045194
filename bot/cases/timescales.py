"""The council-profile values this package needs, read from plain dicts.

The profile file itself belongs to `bot.profile`; this module only takes the mapping
under `timescales:` (or `retention:`) so tests and callers can pass values directly.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping, Union

import yaml


class ProfileError(ValueError):
    """The council profile is missing a value or has a wrong one."""


class ProfileNotFound(ProfileError):
    """There is no profile file at the given path."""


def _whole_number(section: str, key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ProfileError(f"{section}.{key} must be a whole number of 0 or more, not {value!r}")
    return value


@dataclass(frozen=True)
class Timescales:
    """Timescales used to compute a family's own dates. Every one must be in the profile."""

    reports_initial_working_days: int
    reports_review_working_days: int
    first_core_group_working_days: int
    first_review_months: int
    later_review_months: int
    record_working_days: int
    code_valid_days_after_conference: int

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None) -> "Timescales":
        """Build from the `timescales:` mapping; other keys in it are ignored."""
        values = values or {}
        names = [f.name for f in fields(cls)]
        missing = [name for name in names if name not in values]
        if missing:
            raise ProfileError("timescales is missing: " + ", ".join(missing))
        return cls(**{name: _whole_number("timescales", name, values[name]) for name in names})


TimescalesLike = Union[Timescales, Mapping[str, Any]]


def as_timescales(value: TimescalesLike) -> Timescales:
    return value if isinstance(value, Timescales) else Timescales.from_mapping(value)


@dataclass(frozen=True)
class Retention:
    """How long case data and the audit trail are kept; defaults when the profile is silent."""

    purge_after_days: int = 90
    audit_days: int = 365

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None) -> "Retention":
        values = values or {}
        default = cls()
        return cls(
            purge_after_days=_whole_number(
                "retention", "purge_after_days", values.get("purge_after_days", default.purge_after_days)),
            audit_days=_whole_number("retention", "audit_days", values.get("audit_days", default.audit_days)),
        )


def read_profile_file(path: Path) -> dict[str, Any]:
    """The whole profile YAML as a dict (for the admin CLI, which has no running bot)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileNotFound(f"council profile not found: {path} (set COUNCIL_PROFILE or pass --profile)") from None
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise ProfileError(f"council profile {path} is not a mapping")
    return data
