"""A throwaway PostgreSQL server for tests.

    from tests.support.postgres import PostgresUnavailable, throwaway_postgres

    with throwaway_postgres() as url:      # postgresql+psycopg2://postgres:...@127.0.0.1:PORT/test
        ...

The server is created with initdb under a fresh temporary directory, listens on a free
localhost port only, uses a random password, runs with fsync off (fast, and nothing is
worth keeping) and is stopped and deleted afterwards. When the tests run as root the
server runs as the `postgres` OS user (PostgreSQL refuses to run as root), via runuser.

`PostgresUnavailable` (with a readable reason) is raised when there are no PostgreSQL
binaries or the server cannot start; callers turn that into a skip. `server_binaries()`
answers "is it installed?" without starting anything.
"""
from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List, Optional

SERVICE_USER = "postgres"
START_TIMEOUT_SECONDS = 60


class PostgresUnavailable(RuntimeError):
    """No throwaway PostgreSQL could be started; str(exc) says why."""


def server_binaries() -> Path:
    """The directory holding initdb and pg_ctl (PATH first, then Debian's /usr/lib/postgresql/N/bin)."""
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(os.path.realpath(initdb)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: [int(x) if x.isdigit() else 0 for x in Path(p).parent.parent.name.split(".")])
    if candidates:
        return Path(candidates[-1]).parent
    raise PostgresUnavailable(
        "PostgreSQL server binaries (initdb, pg_ctl) not found; install them with "
        "`apt-get install -y postgresql` to run the PostgreSQL tests")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PostgresServer:
    """A running throwaway server; `url(database)` gives a SQLAlchemy URL."""

    port: int
    password: str
    bin_dir: Path
    base_dir: Path
    run_as: Optional[str]

    def url(self, database: str = "test") -> str:
        return f"postgresql+psycopg2://postgres:{self.password}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create an empty database and return its URL (names: letters, digits, underscores)."""
        if not name.replace("_", "").isalnum():
            raise ValueError(f"unsafe database name {name!r}")
        import psycopg2  # imported here so the module loads without the driver

        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres",
                                      password=self.password, dbname="postgres")
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        finally:
            connection.close()
        return self.url(name)


def _command(server_user: Optional[str], argv: List[str]) -> List[str]:
    return ["runuser", "-u", server_user, "--"] + argv if server_user else argv


def _run(server_user: Optional[str], argv: List[str], what: str) -> None:
    result = subprocess.run(_command(server_user, argv), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, timeout=START_TIMEOUT_SECONDS, cwd="/")
    if result.returncode != 0:
        raise PostgresUnavailable(f"{what} failed (exit {result.returncode}): {result.stdout.strip()[-2000:]}")


@contextmanager
def throwaway_server() -> Iterator[PostgresServer]:
    """Start a server, yield it, then stop it and delete its files."""
    bin_dir = server_binaries()
    server_user: Optional[str] = None
    if os.geteuid() == 0:
        try:
            account = pwd.getpwnam(SERVICE_USER)
        except KeyError:
            raise PostgresUnavailable(f"running as root but there is no {SERVICE_USER!r} OS user to run "
                                      "PostgreSQL as") from None
        if not shutil.which("runuser"):
            raise PostgresUnavailable("running as root but `runuser` is not available")
        server_user = SERVICE_USER
    base = Path(tempfile.mkdtemp(prefix="cpc-pg-"))
    data_dir, socket_dir = base / "data", base / "socket"
    socket_dir.mkdir()
    password = secrets.token_urlsafe(18)
    password_file = base / "password"
    password_file.write_text(password + "\n")
    password_file.chmod(0o600)
    if server_user:
        for path in (base, socket_dir, password_file):
            os.chown(path, account.pw_uid, account.pw_gid)
    port = _free_port()
    server = PostgresServer(port, password, bin_dir, base, server_user)
    started = False
    try:
        _run(server_user, [str(bin_dir / "initdb"), "-D", str(data_dir), "-U", "postgres", "--no-sync",
                           "-E", "UTF8", "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256",
                           f"--pwfile={password_file}"], "initdb")
        options = f"-p {port} -k {socket_dir} -c listen_addresses=127.0.0.1 -F -c max_connections=50"
        _run(server_user, [str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-o", options,
                           "-l", str(base / "server.log"), "-w", "-t", str(START_TIMEOUT_SECONDS), "start"],
             "pg_ctl start")
        started = True
        server.create_database("test")
        yield server
    finally:
        if started:
            subprocess.run(_command(server_user, [str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-m", "immediate",
                                                  "-w", "stop"]),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=START_TIMEOUT_SECONDS,
                           cwd="/")
        shutil.rmtree(base, ignore_errors=True)


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Start a server and yield the URL of its empty `test` database."""
    with throwaway_server() as server:
        yield server.url("test")
