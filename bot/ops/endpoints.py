"""Rasa's endpoints file for this installation, written from the template and the settings.

Rasa 3.6 does not expand ${VARIABLES} in endpoints.yml, so the supervisor writes the filled-in
file to var/endpoints.yml (mode 0600: it holds the internal tokens), adding the Redis lock
store when one is configured.
"""
from __future__ import annotations

import os
import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.engine import make_url

from bot.settings import PROJECT_ROOT, VAR_DIR, Settings

TEMPLATE = PROJECT_ROOT / "endpoints.yml"
#: Lock key prefix: several assistants may share one Redis.
LOCK_KEY_PREFIX = "cpc"
#: Rasa's Redis lock store, awaited instead of blocking the event loop (bot/rasa_plugins/lock_store.py).
LOCK_STORE_TYPE = "bot.rasa_plugins.lock_store.AsyncRedisLockStore"
#: A lock call takes well under a millisecond. A Redis that has not answered in this long (a
#: stopped server, whose socket still accepts) is taken as down, so that the turn's last resort,
#: a crisis reply or the apology, comes in time. The bound counts the server's own queue of work
#: too, so it is not much shorter.
LOCK_STORE_TIMEOUT_SECONDS = 1.0


def redis_lock_store(redis_url: str, socket_timeout: float) -> dict[str, Any]:
    """The `lock_store:` section for a redis:// URL: Rasa's own Redis settings, our awaited store."""
    url = make_url(redis_url)
    section: dict[str, Any] = {"type": LOCK_STORE_TYPE, "url": url.host or "127.0.0.1", "port": url.port or 6379,
                               "db": int(url.database or 1), "key_prefix": LOCK_KEY_PREFIX,
                               "socket_timeout": socket_timeout}
    if url.password:
        section["password"] = url.password
    return section


def endpoints_config(settings: Settings, env: Mapping[str, str], template: Path = TEMPLATE) -> dict[str, Any]:
    """The filled-in endpoints: addresses and bounds from the settings, tokens from `env`."""
    values = {**env, "ACTION_SERVER_URL": settings.action_server_url, "NLG_URL": settings.nlg_url,
              "TRACKER_DB_URL": settings.tracker_db_url, "NLG_TIMEOUT_SECONDS": settings.nlg_timeout_seconds}
    config = yaml.safe_load(string.Template(template.read_text()).substitute(values))
    if settings.redis_url:
        config["lock_store"] = redis_lock_store(settings.redis_url,
                                                min(settings.db_timeout_seconds, LOCK_STORE_TIMEOUT_SECONDS))
    return config


def write_endpoints(settings: Settings, env: Mapping[str, str], target: Path = VAR_DIR / "endpoints.yml") -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.touch(mode=0o600)
    os.chmod(target, 0o600)
    target.write_text(yaml.safe_dump(endpoints_config(settings, env), sort_keys=False))
    return target


def main() -> None:
    """`python -m bot endpoints`: write the endpoints file (systemd's cpc-rasa@ unit runs this first)."""
    from bot.ops.secrets_file import ensure_secrets
    from bot.settings import load_settings

    print(write_endpoints(load_settings(), {**os.environ, **ensure_secrets()}))
