"""The shipped config.yml, as the reports and evaluation helpers need it."""
from __future__ import annotations

from typing import Any

import yaml

from bot.settings import PROJECT_ROOT


def shipped_config() -> dict[str, Any]:
    return yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))


def step_config(component: Any) -> dict[str, Any]:
    """The configuration of one of our pipeline components in config.yml, its defaults filled in."""
    entry = next(step for step in shipped_config()["pipeline"] if step["name"].endswith("." + component.__name__))
    return {**component.get_default_config(), **{key: value for key, value in entry.items() if key != "name"}}
