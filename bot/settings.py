"""Run-time settings, read once from the environment.

Every process (Rasa, action server, NLG server, web process, admin CLI) reads the
same variables, so one deployment is configured in one place. `make run` writes
the secrets into var/secrets.env the first time and exports them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CPC_VAR_DIR", PROJECT_ROOT / "var"))
BUILD_DIR = PROJECT_ROOT / "build"
SPACY_MODEL_DIR = BUILD_DIR / "spacy"
DOMAIN_DIR = PROJECT_ROOT / "domain"
DATA_DIR = PROJECT_ROOT / "data"
LOCALES_DIR = PROJECT_ROOT / "locales"


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


@dataclass(frozen=True)
class Settings:
    """Addresses, secrets and storage locations shared by all processes."""

    rasa_url: str
    action_server_url: str
    nlg_url: str
    web_host: str
    web_port: int
    database_url: str
    tracker_db_url: str
    rasa_token: str
    action_token: str
    nlg_token: str
    council_profile: Path
    log_level: str
    #: Bounds on waiting (seconds): a whole turn, the action server, the NLG server, one database call.
    turn_timeout_seconds: float
    action_timeout_seconds: float
    nlg_timeout_seconds: float
    db_timeout_seconds: float
    #: Scale-out: how many Rasa servers `make run` starts, and the Redis lock store they share.
    rasa_replicas: int
    redis_url: str
    #: Ports of the PostgreSQL and Redis servers `make run` starts itself when replicas need them.
    local_postgres_port: int
    local_redis_port: int


def load_settings() -> Settings:
    """Build the settings from the environment, with safe local defaults."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return Settings(
        rasa_url=_env("RASA_URL", "http://127.0.0.1:5005"),
        action_server_url=_env("ACTION_SERVER_URL", "http://127.0.0.1:5055"),
        nlg_url=_env("NLG_URL", "http://127.0.0.1:5056"),
        web_host=_env("WEB_HOST", "127.0.0.1"),
        web_port=int(_env("WEB_PORT", "8000")),
        database_url=_env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'cases.db'}"),
        tracker_db_url=_env("TRACKER_DB_URL", f"sqlite:///{VAR_DIR / 'conversations.db'}"),
        rasa_token=_env("RASA_TOKEN", ""),
        action_token=_env("ACTION_SERVER_TOKEN", ""),
        nlg_token=_env("NLG_TOKEN", ""),
        council_profile=Path(_env("COUNCIL_PROFILE", str(DATA_DIR / "council" / "default.yml"))),
        log_level=_env("LOG_LEVEL", "INFO"),
        turn_timeout_seconds=float(_env("TURN_TIMEOUT_SECONDS", "4.5")),
        action_timeout_seconds=float(_env("ACTION_TIMEOUT_SECONDS", "2.5")),
        nlg_timeout_seconds=float(_env("NLG_TIMEOUT_SECONDS", "1.5")),
        db_timeout_seconds=float(_env("DB_TIMEOUT_SECONDS", "2")),
        rasa_replicas=max(1, int(_env("RASA_REPLICAS", "1"))),
        redis_url=_env("REDIS_URL", ""),
        local_postgres_port=int(_env("LOCAL_POSTGRES_PORT", "55432")),
        local_redis_port=int(_env("LOCAL_REDIS_PORT", "56379")),
    )
