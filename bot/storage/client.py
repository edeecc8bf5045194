"""What every user of our database holds: an engine, a session factory and a clock."""
from __future__ import annotations

from datetime import datetime

from bot.storage.engine import make_engine, make_session_factory
from bot.storage.migrate import migrate as run_migrations
from bot.timeutil import Clock, require_aware


class DatabaseClient:
    """Connects to the database, upgrading it to the latest migration first when asked."""

    def __init__(self, database_url: str, clock: Clock, migrate: bool) -> None:
        self._clock = clock
        self._engine = make_engine(database_url)
        if migrate:
            run_migrations(engine=self._engine)
        self._sessions = make_session_factory(self._engine)

    def close(self) -> None:
        self._engine.dispose()

    def _now(self) -> datetime:
        return require_aware(self._clock())
