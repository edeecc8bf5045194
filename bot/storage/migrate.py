"""Bring a case database up to the newest schema with Alembic (no alembic.ini needed)."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.storage.engine import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: Our own version table, so the case tables can share a database with other components.
VERSION_TABLE = "cases_alembic_version"
#: Arbitrary constant for PostgreSQL's advisory lock: several servers may start at once.
_PG_LOCK_ID = 0x43504343  # "CPCC"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def migrate(url: str | None = None, *, engine: Engine | None = None) -> None:
    """Upgrade the database at `url` (or behind `engine`) to head; safe to call on every start."""
    if engine is None:
        if url is None:
            raise ValueError("migrate() needs a database URL or an engine")
        engine = make_engine(url)
        owned = True
    else:
        owned = False
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LOCK_ID})
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        if owned:
            engine.dispose()
