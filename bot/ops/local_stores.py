"""PostgreSQL and Redis servers of our own, from Debian's packages, on localhost only.

`RASA_REPLICAS=2 make run` needs a tracker store and a lock store that every Rasa server
shares. When no TRACKER_DB_URL / REDIS_URL is given, the supervisor runs these local ones
(data under var/), so the scale-out works on one machine exactly as it would across several.
The tests use the same PostgreSQL code for their throwaway servers.

PostgreSQL refuses to run as root; when we are root, the server runs as the `postgres`
user that Debian's package creates (via runuser).
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

SERVICE_USER = "postgres"
COMMAND_TIMEOUT_SECONDS = 60


class ServiceUnavailable(RuntimeError):
    """A local service cannot be set up here; str(error) says why and what to install."""


def postgres_binaries() -> Path:
    """The directory holding initdb, pg_ctl and postgres (PATH first, then Debian's folder)."""
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(os.path.realpath(initdb)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: [int(x) if x.isdigit() else 0 for x in Path(p).parent.parent.name.split(".")])
    if candidates:
        return Path(candidates[-1]).parent
    raise ServiceUnavailable("PostgreSQL's server programs (initdb, pg_ctl) are not installed: "
                           "apt-get install -y postgresql")


def _service_account() -> Optional[pwd.struct_passwd]:
    """The account to run PostgreSQL as when we are root; None when we are not."""
    if os.geteuid() != 0:
        return None
    try:
        account = pwd.getpwnam(SERVICE_USER)
    except KeyError:
        raise ServiceUnavailable(
            f"running as root but there is no {SERVICE_USER!r} user to run PostgreSQL as") from None
    if not shutil.which("runuser"):
        raise ServiceUnavailable("running as root but `runuser` is not available")
    return account


def _let_others_traverse(directory: Path) -> None:
    """Give the service user a way through our own private folders to its data (search bit only, no listing)."""
    for folder in (directory, *directory.parents):
        info = folder.stat()
        if info.st_uid != os.geteuid():
            return
        if not info.st_mode & 0o001:
            folder.chmod(info.st_mode | 0o001)


@dataclass
class PostgresCluster:
    """One PostgreSQL data directory under `base`, served on 127.0.0.1:`port`."""

    base: Path
    port: int
    password: str

    def __post_init__(self) -> None:
        self.bin_dir = postgres_binaries()
        self.account = _service_account()

    @property
    def data_dir(self) -> Path:
        return self.base / "data"

    @property
    def socket_dir(self) -> Path:
        return self.base / "socket"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg2://postgres:{self.password}@127.0.0.1:{self.port}/{database}"

    def as_service_user(self, argv: list[str]) -> list[str]:
        return ["runuser", "-u", SERVICE_USER, "--", *argv] if self.account else argv

    def _run(self, argv: list[str], what: str) -> None:
        result = subprocess.run(self.as_service_user(argv), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, timeout=COMMAND_TIMEOUT_SECONDS, cwd="/")
        if result.returncode != 0:
            raise ServiceUnavailable(f"{what} failed (exit {result.returncode}): {result.stdout.strip()[-2000:]}")

    def initialise(self, durable: bool = True) -> None:
        """Create the data directory once (a later call finds it and does nothing)."""
        if (self.data_dir / "PG_VERSION").exists():
            return
        self.base.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(exist_ok=True)
        password_file = self.base / "password"
        password_file.write_text(self.password + "\n")
        password_file.chmod(0o600)
        if self.account:
            for path in (self.base, self.socket_dir, password_file):
                os.chown(path, self.account.pw_uid, self.account.pw_gid)
            _let_others_traverse(self.base.parent)
        try:
            self._run([str(self.bin_dir / "initdb"), "-D", str(self.data_dir), "-U", "postgres", "-E", "UTF8",
                       "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={password_file}",
                       *([] if durable else ["--no-sync"])], "initdb")
        finally:
            password_file.unlink(missing_ok=True)

    def server_options(self, durable: bool = True) -> list[str]:
        options = ["-p", str(self.port), "-k", str(self.socket_dir), "-c", "listen_addresses=127.0.0.1",
                   "-c", "max_connections=100"]
        return options if durable else [*options, "-F"]

    def server_command(self) -> list[str]:
        """The server in the foreground, for a supervisor to run and watch."""
        return self.as_service_user([str(self.bin_dir / "postgres"), "-D", str(self.data_dir),
                                     *self.server_options()])

    def start_detached(self, durable: bool = True) -> None:
        """Start with pg_ctl and wait until it accepts connections (the tests' throwaway servers)."""
        self._run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-o", " ".join(self.server_options(durable)),
                   "-l", str(self.base / "server.log"), "-w", "-t", str(COMMAND_TIMEOUT_SECONDS), "start"],
                  "pg_ctl start")

    def stop_detached(self) -> None:
        subprocess.run(self.as_service_user([str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m",
                                             "immediate", "-w", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=COMMAND_TIMEOUT_SECONDS, cwd="/")

    def is_ready(self) -> bool:
        import psycopg2

        try:
            psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", password=self.password,
                             dbname="postgres", connect_timeout=2).close()
            return True
        except psycopg2.Error:
            return False

    def create_database(self, name: str) -> str:
        """Create database `name` if it does not exist yet; return its URL (names: letters, digits, _)."""
        if not name.replace("_", "").isalnum():
            raise ValueError(f"unsafe database name {name!r}")
        import psycopg2

        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", password=self.password,
                                      dbname="postgres", connect_timeout=5)
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
                if cursor.fetchone() is None:
                    cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        finally:
            connection.close()
        return self.url(name)


@dataclass
class RedisServer:
    """A Redis server for the lock store: localhost only, nothing written to disk."""

    base: Path
    port: int

    def command(self) -> list[str]:
        binary = shutil.which("redis-server")
        if not binary:
            raise ServiceUnavailable("redis-server is not installed: apt-get install -y redis-server")
        self.base.mkdir(parents=True, exist_ok=True)
        return [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--protected-mode", "yes",
                "--save", "", "--appendonly", "no", "--dir", str(self.base)]

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/1"

    def is_ready(self) -> bool:
        import redis

        try:
            return bool(redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1,
                                    socket_connect_timeout=1).ping())
        except redis.RedisError:
            return False
