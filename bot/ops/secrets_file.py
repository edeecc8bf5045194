"""Per-installation secrets, generated once into var/secrets.env (mode 0600).

Values already in the environment win, so a council can inject them from its own
secret store instead.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from bot.settings import VAR_DIR

SECRET_NAMES = ("RASA_TOKEN", "ACTION_SERVER_TOKEN", "NLG_TOKEN", "CASES_HMAC_KEY", "WEB_SESSION_KEY",
                "LOCAL_POSTGRES_PASSWORD")


def _read(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {key.strip(): value.strip() for key, value in pairs}


def ensure_secrets(path: Path = VAR_DIR / "secrets.env") -> dict[str, str]:
    """The installation's secrets, creating the missing ones."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stored = _read(path) if path.exists() else {}
    missing = [name for name in SECRET_NAMES if not stored.get(name)]
    if missing:
        stored.update({name: secrets.token_urlsafe(32) for name in missing})
        path.touch(mode=0o600)
        path.write_text("".join(f"{key}={value}\n" for key, value in stored.items()))
    os.chmod(path, 0o600)
    return {name: os.environ.get(name) or stored[name] for name in SECRET_NAMES}
