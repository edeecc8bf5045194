"""The shipped systemd unit files, with their install paths pointed at this checkout for testing."""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from bot.settings import PROJECT_ROOT

UNITS_DIR = PROJECT_ROOT / "bot" / "ops" / "systemd"
INSTALL_DIR = "/opt/cpc-assistant"
STATE_DIR = "/var/lib/cpc-assistant"
ENVIRONMENT_FILE = "/etc/cpc-assistant/env"


@dataclass
class Unit:
    name: str
    settings: dict[str, list[str]] = field(default_factory=dict)

    def get(self, key: str) -> list[str]:
        return self.settings.get(key, [])

    def environment(self) -> dict[str, str]:
        pairs = [pair for line in self.get("Environment") for pair in shlex.split(line)]
        return dict(pair.split("=", 1) for pair in pairs)


def localised_text(path: Path, state_dir: Path, environment_file: Path) -> str:
    """The unit's text with the install, state and environment paths replaced for this machine."""
    return (path.read_text().replace(INSTALL_DIR, str(PROJECT_ROOT)).replace(STATE_DIR, str(state_dir))
            .replace(ENVIRONMENT_FILE, str(environment_file)))


def parse(text: str, name: str) -> Unit:
    unit = Unit(name)
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";", "[")) or "=" not in line:
            continue
        key, value = line.split("=", 1)
        unit.settings.setdefault(key.strip(), []).append(value.strip())
    return unit


def command(line: str, environment: dict[str, str], instance: str = "") -> list[str]:
    """An Exec line as systemd runs it: ${VARIABLES} from the environment, %i the instance."""
    line = re.sub(r"\$\{(\w+)\}", lambda match: environment.get(match.group(1), ""), line.replace("%i", instance))
    return shlex.split(line)
