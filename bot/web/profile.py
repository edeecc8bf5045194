"""The few council-profile values the web page shows (read once at start-up)."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import yaml

log = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 30
DEFAULT_HELPLINES = {"emergency": "999", "childline": "0800 1111", "nspcc": "0808 800 5000"}


@dataclass(frozen=True)
class WebProfile:
    council_name: Optional[str]  # None: the page says "Your council" (translated)
    retention_days: int
    emergency: str
    childline: str
    nspcc: str


def tel_href(number: str) -> str:
    """'0808 800 5000' -> 'tel:08088005000'."""
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def load_web_profile(path: Path) -> WebProfile:
    data: Any = {}
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
    except FileNotFoundError:
        log.warning("Council profile %s not found: using defaults", path)
    except (OSError, yaml.YAMLError) as exc:
        log.error("Council profile %s could not be read (%s): using defaults", path, exc)
    name = _get(data, "council", "name")
    name = name.strip() if isinstance(name, str) and name.strip() else None
    days = _get(data, "retention", "conversation_days")
    try:
        days = int(days)
        if days < 1:
            raise ValueError
    except (TypeError, ValueError):
        days = DEFAULT_RETENTION_DAYS
    numbers = {}
    for key, default in DEFAULT_HELPLINES.items():
        value = _get(data, "helplines", key)
        numbers[key] = str(value).strip() if value not in (None, "") else default
    return WebProfile(
        council_name=name,
        retention_days=days,
        emergency=numbers["emergency"],
        childline=numbers["childline"],
        nspcc=numbers["nspcc"],
    )
