"""Run-time settings: every environment variable the assistant reads, in one place.

Every process (Rasa, action server, NLG server, web process, admin CLIs) reads the same
variables, so one deployment is configured in one place. `make run` writes the secrets into
var/secrets.env the first time and exports them. docs/deploy.md lists the same variables
(a test keeps the two in step).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: Where this installation keeps its files (CPC_VAR_DIR): databases, secrets, logs, rendered configuration.
VAR_DIR = Path(os.environ.get("CPC_VAR_DIR", "").strip() or PROJECT_ROOT / "var")
BUILD_DIR = PROJECT_ROOT / "build"
SPACY_MODEL_DIR = BUILD_DIR / "spacy"
DOMAIN_DIR = PROJECT_ROOT / "domain"
DATA_DIR = PROJECT_ROOT / "data"
LOCALES_DIR = PROJECT_ROOT / "locales"


@dataclass(frozen=True)
class Variable:
    """One environment variable: its name, its default (as text) and what it is for."""

    name: str
    default: str
    what: str


#: Every variable, in the order docs/deploy.md lists them.
VARIABLES: tuple[Variable, ...] = (
    Variable("COUNCIL_PROFILE", "data/council/default.yml", "your copy of the council profile"),
    Variable("CPC_VAR_DIR", "var", "this installation's files: databases, secrets, logs"),
    Variable("DATABASE_URL", "sqlite:///var/cases.db", "case data (SQLAlchemy URL)"),
    Variable("TRACKER_DB_URL", "sqlite:///var/conversations.db", "conversations, masked"),
    Variable("REDIS_URL", "", "the Redis lock store shared by several Rasa servers"),
    Variable("RASA_URL", "http://127.0.0.1:5005", "the REST channel (the load balancer with replicas)"),
    Variable("ACTION_SERVER_URL", "http://127.0.0.1:5055", "the action server"),
    Variable("NLG_URL", "http://127.0.0.1:5056", "the NLG server"),
    Variable("WEB_HOST", "127.0.0.1", "the web process's address"),
    Variable("WEB_PORT", "8000", "the web process's port"),
    Variable("WEB_PUBLIC_URL", "", "the address people reach the page at (links to a young person's document)"),
    Variable("WEB_FRAME_ANCESTORS", "'self'", "origins allowed to embed the page in a frame"),
    Variable("GOVUK_FRONTEND_DIR", "node_modules/govuk-frontend/dist/govuk", "GOV.UK Frontend's built files"),
    Variable("RASA_TOKEN", "generated", "Rasa's HTTP API token"),
    Variable("ACTION_SERVER_TOKEN", "generated", "the action server's shared secret"),
    Variable("NLG_TOKEN", "generated", "the NLG server's shared secret"),
    Variable("CASES_HMAC_KEY", "generated", "the key for case-reference hashes and the audit trail"),
    Variable("WEB_SESSION_KEY", "generated", "the key that signs the page's session ids"),
    Variable("LOCAL_POSTGRES_PASSWORD", "generated", "the local PostgreSQL started for replicas"),
    Variable("TURN_TIMEOUT_SECONDS", "4.5", "a whole turn, after which the person gets an apology"),
    Variable("ACTION_TIMEOUT_SECONDS", "2.5", "one call to the action server"),
    Variable("NLG_TIMEOUT_SECONDS", "1.5", "one call to the NLG server (then Rasa renders it itself)"),
    Variable("DB_TIMEOUT_SECONDS", "2", "one database call"),
    Variable("RASA_REPLICAS", "1", "how many Rasa servers `make run` starts"),
    Variable("LOCAL_POSTGRES_PORT", "55432", "the port of the local PostgreSQL started for replicas"),
    Variable("LOCAL_REDIS_PORT", "56379", "the port of the local Redis started for replicas"),
    Variable("LOG_LEVEL", "INFO", "never DEBUG in production: Rasa's debug logs hold message text"),
)


_DEFAULTS = {variable.name: variable.default for variable in VARIABLES}
#: Shown as "generated" in the table: empty until ensure_secrets() has filled them in.
GENERATED = "generated"


def _env(name: str, default: str | None = None) -> str:
    """The variable's value, or its default (from VARIABLES unless the default is a path here)."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if default is not None:
        return default
    fallback = _DEFAULTS[name]
    return "" if fallback == GENERATED else fallback


def _path(name: str) -> Path:
    """A file or folder setting; the defaults in VARIABLES are relative to the project."""
    return Path(_env(name, str(PROJECT_ROOT / _DEFAULTS[name])))


@dataclass(frozen=True)
class Settings:
    """Addresses, storage, secrets and bounds shared by all processes."""

    # addresses
    rasa_url: str
    action_server_url: str
    nlg_url: str
    web_host: str
    web_port: int
    web_public_url: str
    # storage
    var_dir: Path
    database_url: str
    tracker_db_url: str
    redis_url: str
    # secrets ("" until ensure_secrets() has run; the processes get them from it)
    rasa_token: str
    action_token: str
    nlg_token: str
    cases_hmac_key: str
    web_session_key: str
    # the council and the page
    council_profile: Path
    web_frame_ancestors: str
    govuk_frontend_dir: Path
    #: Bounds on waiting (seconds): a whole turn, the action server, the NLG server, one database call.
    turn_timeout_seconds: float
    action_timeout_seconds: float
    nlg_timeout_seconds: float
    db_timeout_seconds: float
    #: Scale-out: how many Rasa servers `make run` starts, and the local stores it starts for them.
    rasa_replicas: int
    local_postgres_port: int
    local_redis_port: int
    log_level: str


def load_settings() -> Settings:
    """Build the settings from the environment, with safe local defaults."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return Settings(
        rasa_url=_env("RASA_URL"),
        action_server_url=_env("ACTION_SERVER_URL"),
        nlg_url=_env("NLG_URL"),
        web_host=_env("WEB_HOST"),
        web_port=int(_env("WEB_PORT")),
        web_public_url=_env("WEB_PUBLIC_URL").rstrip("/"),
        var_dir=VAR_DIR,
        database_url=_env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'cases.db'}"),
        tracker_db_url=_env("TRACKER_DB_URL", f"sqlite:///{VAR_DIR / 'conversations.db'}"),
        redis_url=_env("REDIS_URL"),
        rasa_token=_env("RASA_TOKEN"),
        action_token=_env("ACTION_SERVER_TOKEN"),
        nlg_token=_env("NLG_TOKEN"),
        cases_hmac_key=_env("CASES_HMAC_KEY"),
        web_session_key=_env("WEB_SESSION_KEY"),
        council_profile=_path("COUNCIL_PROFILE"),
        web_frame_ancestors=_env("WEB_FRAME_ANCESTORS"),
        govuk_frontend_dir=_path("GOVUK_FRONTEND_DIR"),
        turn_timeout_seconds=float(_env("TURN_TIMEOUT_SECONDS")),
        action_timeout_seconds=float(_env("ACTION_TIMEOUT_SECONDS")),
        nlg_timeout_seconds=float(_env("NLG_TIMEOUT_SECONDS")),
        db_timeout_seconds=float(_env("DB_TIMEOUT_SECONDS")),
        rasa_replicas=max(1, int(_env("RASA_REPLICAS"))),
        local_postgres_port=int(_env("LOCAL_POSTGRES_PORT")),
        local_redis_port=int(_env("LOCAL_REDIS_PORT")),
        log_level=_env("LOG_LEVEL"),
    )
