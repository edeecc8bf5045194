"""A client-side deadline on every PostgreSQL call of this process.

A PostgreSQL server that is stopped (not dead) still has its socket accepted by the kernel,
so neither libpq's connect_timeout nor the server's statement_timeout ever fires and a
query waits for ever. psycopg2 lets a process wait on the socket itself (a "wait
callback"); ours waits at most `seconds` and then fails the call, and an SQLAlchemy hook
marks that connection as broken so the pool opens a fresh one next time.
"""
from __future__ import annotations

import select
import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

TIMEOUT_MESSAGE = "the database did not answer in time"


def install_postgres_deadline(seconds: float) -> None:
    """Give every psycopg2 call in this process a deadline of `seconds` (a later call replaces it)."""
    import psycopg2
    from psycopg2 import extensions

    def wait(connection: Any) -> None:
        deadline = time.monotonic() + seconds
        while True:
            state = connection.poll()
            if state == extensions.POLL_OK:
                return
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise psycopg2.OperationalError(f"{TIMEOUT_MESSAGE} ({seconds:g} s)")
            if state == extensions.POLL_READ:
                select.select([connection.fileno()], [], [], remaining)
            elif state == extensions.POLL_WRITE:
                select.select([], [connection.fileno()], [], remaining)
            else:
                raise psycopg2.OperationalError(f"unexpected connection state {state}")

    extensions.set_wait_callback(wait)


def treat_timeouts_as_disconnects(engine: Engine) -> None:
    """A timed-out connection is unusable: let the pool drop it (and the rest of the pool)."""

    @event.listens_for(engine, "handle_error")
    def _mark(context: Any) -> None:
        if TIMEOUT_MESSAGE in str(context.original_exception):
            context.is_disconnect = True
