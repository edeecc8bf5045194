"""Engines and transactions for our databases (SQLite file or PostgreSQL), each call bounded in time."""
from __future__ import annotations

import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from bot.settings import load_settings
from bot.storage.deadline import install_postgres_deadline, treat_timeouts_as_disconnects


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_file(url: str) -> Optional[Path]:
    """The database file a SQLite URL names, or None for an in-memory database."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _prepare_sqlite_file(path: Path) -> None:
    """Create the database file owner-only before SQLite does it with the process umask."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def _sqlite_engine(url: str, seconds: float) -> Engine:
    """A SQLite engine: foreign keys on; for a file, pooled connections and write-ahead logging.

    SQLAlchemy 1.4 opens a new connection to a SQLite file for every session; the conversation
    store opens two sessions a turn. A pool keeps them open (each used by one thread at a time).
    Write-ahead logging lets readers and the one writer work at once, and with `synchronous=NORMAL`
    a commit no longer waits for the disk: a power cut can lose the last turns, never corrupt the
    file (https://www.sqlite.org/wal.html). Both are measured in `make bench` (ADR 12).
    """
    path = _sqlite_file(url)
    if path is None:
        engine = create_engine(url, future=True, hide_parameters=True, connect_args={"timeout": seconds})
    else:
        _prepare_sqlite_file(path)
        engine = create_engine(url, future=True, hide_parameters=True, poolclass=QueuePool,
                               connect_args={"timeout": seconds, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if path is not None:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def make_engine(url: str, timeout: Optional[float] = None) -> Engine:
    """An engine with the same behaviour on both back ends (foreign keys enforced).

    Every call waits at most `timeout` seconds (DB_TIMEOUT_SECONDS by default): SQLite for a
    lock, PostgreSQL for the server (bot/storage/deadline.py). `hide_parameters` keeps bound
    values (names, hashes, submitted views) out of error messages and logs.
    """
    seconds = timeout if timeout is not None else load_settings().db_timeout_seconds
    if is_sqlite(url):
        return _sqlite_engine(url, seconds)
    install_postgres_deadline(seconds)
    engine = create_engine(url, future=True, hide_parameters=True, pool_pre_ping=True,
                           connect_args={"connect_timeout": max(1, math.ceil(seconds))})
    treat_timeouts_as_disconnects(engine)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(bind=engine, future=True, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back entirely on any error."""
    session: Session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
