"""A throwaway PostgreSQL server for tests.

    from tests.support.postgres import PostgresUnavailable, throwaway_server

    with throwaway_server() as server:      # server.url("test"), server.create_database("x")
        ...

The server (bot/ops/local_stores.py) is created under a fresh temporary directory, listens
on a free localhost port only, uses a random password, runs with fsync off (fast, and
nothing is worth keeping) and is stopped and deleted afterwards.

`PostgresUnavailable` (with a readable reason) is raised when there are no PostgreSQL
binaries or the server cannot start; callers turn that into a skip.
"""
from __future__ import annotations

import secrets
import shutil
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.ops.local_stores import PostgresCluster, ServiceUnavailable

PostgresUnavailable = ServiceUnavailable
PostgresServer = PostgresCluster


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def throwaway_server() -> Iterator[PostgresCluster]:
    """Start a server with an empty `test` database, yield it, then stop it and delete its files."""
    base = Path(tempfile.mkdtemp(prefix="cpc-pg-"))
    started = False
    try:
        server = PostgresCluster(base, free_port(), secrets.token_urlsafe(18))
        server.initialise(durable=False)
        server.start_detached(durable=False)
        started = True
        server.create_database("test")
        yield server
    finally:
        if started:
            server.stop_detached()
        shutil.rmtree(base, ignore_errors=True)
