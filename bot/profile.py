"""The per-council profile: timescales, helplines and retention that differ between councils.

One typed object, one loader, used by every process (answers, actions, the web page, the
admin tools). Answer texts never hard-code these values; they use named placeholders that
the NLG fills from here (see PLACEHOLDERS). A profile that is missing a value is refused at
start-up with a message naming it.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Union

import yaml

from bot.settings import load_settings

#: Placeholder name -> (section, key) in the profile file.
PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "reports_initial_working_days": ("timescales", "reports_initial_working_days"),
    "reports_review_working_days": ("timescales", "reports_review_working_days"),
    "initial_conference_working_days": ("timescales", "initial_conference_working_days"),
    "transfer_in_working_days": ("timescales", "transfer_in_working_days"),
    "first_core_group_working_days": ("timescales", "first_core_group_working_days"),
    "first_review_months": ("timescales", "first_review_months"),
    "later_review_months": ("timescales", "later_review_months"),
    "record_working_days": ("timescales", "record_working_days"),
    "exclusion_request_working_days": ("timescales", "exclusion_request_working_days"),
    "pre_birth_weeks": ("timescales", "pre_birth_weeks"),
    "core_group_min": ("timescales", "core_group_min_weeks"),
    "core_group_max_weeks": ("timescales", "core_group_max_weeks"),
    "child_attend_age": ("timescales", "child_attend_age"),
    "emergency_number": ("helplines", "emergency"),
    "nspcc_number": ("helplines", "nspcc"),
    "childline_number": ("helplines", "childline"),
    "samaritans_number": ("helplines", "samaritans"),
    "domestic_abuse_number": ("helplines", "domestic_abuse"),
    "frg_number": ("helplines", "family_rights_group"),
    "family_lives_number": ("helplines", "family_lives"),
    "coram_number": ("helplines", "coram_child_law"),
    "council_name": ("council", "name"),
}


class ProfileError(ValueError):
    """The profile file is unreadable, or a value is missing or wrong; the message says what to fix."""


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
    def from_mapping(cls, values: Optional[Mapping[str, Any]]) -> Timescales:
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
class Helplines:
    emergency: str
    nspcc: str
    childline: str
    samaritans: str
    domestic_abuse: str
    family_rights_group: str
    family_lives: str
    coram_child_law: str


@dataclass(frozen=True)
class Retention:
    """How long things are kept; the defaults apply where the profile is silent."""

    conversation_days: int = 30
    views_draft_hours: int = 24
    purge_after_days: int = 90
    audit_days: int = 365

    @classmethod
    def from_mapping(cls, values: Optional[Mapping[str, Any]]) -> Retention:
        values = values or {}
        default = cls()
        return cls(**{f.name: _whole_number("retention", f.name, values.get(f.name, getattr(default, f.name)))
                      for f in fields(cls)})


@dataclass(frozen=True)
class CouncilProfile:
    #: None: the page says "Your council" (translated).
    council_name: Optional[str]
    timescales: Mapping[str, int]
    helplines: Helplines
    retention: Retention

    def placeholder_values(self) -> dict[str, Any]:
        sections: dict[str, Mapping[str, Any]] = {
            "timescales": self.timescales, "helplines": vars(self.helplines),
            "council": {"name": self.council_name} if self.council_name else {}}
        return {name: sections[section][key] for name, (section, key) in PLACEHOLDERS.items()
                if key in sections[section]}


def _section(raw: Mapping[str, Any], name: str, path: Path) -> Mapping[str, Any]:
    section = raw.get(name)
    if not isinstance(section, Mapping):
        raise ProfileError(f"Council profile {path}: the section '{name}:' is missing")
    return section


def _helplines(section: Mapping[str, Any], path: Path) -> Helplines:
    missing = [field.name for field in fields(Helplines) if not str(section.get(field.name) or "").strip()]
    if missing:
        raise ProfileError(f"Council profile {path}: helplines missing: {', '.join(missing)}")
    return Helplines(**{field.name: str(section[field.name]).strip() for field in fields(Helplines)})


def read_profile_file(path: Path) -> dict[str, Any]:
    """The whole profile YAML as a dict (the admin CLI uses only the sections it needs)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileNotFound(f"council profile not found: {path} (set COUNCIL_PROFILE or pass --profile)") from None
    except OSError as error:
        raise ProfileError(f"council profile {path} cannot be read: {error}") from error
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise ProfileError(f"council profile {path} is not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise ProfileError(f"council profile {path} is not a mapping")
    return data


def read_profile(path: Path) -> CouncilProfile:
    """Read and check a profile file: every value the answers and the page use must be there."""
    raw = read_profile_file(path)
    name = (raw.get("council") or {}).get("name") if isinstance(raw.get("council"), Mapping) else None
    timescales = {key: int(value) for key, value in _section(raw, "timescales", path).items()}
    missing = sorted(key for section, key in PLACEHOLDERS.values() if section == "timescales" and key not in timescales)
    if missing:
        raise ProfileError(f"Council profile {path}: timescales missing: {', '.join(missing)}")
    return CouncilProfile(
        council_name=name.strip() if isinstance(name, str) and name.strip() else None,
        timescales=timescales,
        helplines=_helplines(_section(raw, "helplines", path), path),
        retention=Retention.from_mapping(raw.get("retention")),
    )


@lru_cache(maxsize=4)
def _load(path: str) -> CouncilProfile:
    return read_profile(Path(path))


@lru_cache(maxsize=1)
def _configured_path() -> str:
    return str(load_settings().council_profile)


def load_profile(path: Optional[Path] = None) -> CouncilProfile:
    """The profile at COUNCIL_PROFILE (or `path`), read once per process (COUNCIL_PROFILE too)."""
    return _load(str(path) if path else _configured_path())
