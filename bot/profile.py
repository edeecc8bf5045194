"""The per-council profile: timescales, helplines and retention that differ between councils.

Answer texts never hard-code these values; they use named placeholders that the NLG
server fills from here (see PLACEHOLDERS).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

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


@dataclass(frozen=True)
class CouncilProfile:
    """A loaded profile; `raw` keeps every section for the modules that need more."""

    raw: Mapping[str, Any]

    def section(self, name: str) -> Mapping[str, Any]:
        return self.raw.get(name) or {}

    def placeholder_values(self) -> dict[str, Any]:
        return {
            name: self.section(section)[key]
            for name, (section, key) in PLACEHOLDERS.items()
            if key in self.section(section)
        }


def read_profile(path: Path) -> CouncilProfile:
    """Read and check a profile file: every placeholder must have a value."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    profile = CouncilProfile(raw)
    missing = sorted(set(PLACEHOLDERS) - set(profile.placeholder_values()))
    if missing:
        raise ValueError(f"Council profile {path} is missing: {', '.join(missing)}")
    return profile


@lru_cache(maxsize=1)
def load_profile() -> CouncilProfile:
    return read_profile(load_settings().council_profile)
