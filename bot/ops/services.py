"""Which processes make up one running assistant, and the environment they share.

One Rasa server by default (SQLite tracker store, in-memory lock store). With
RASA_REPLICAS=N (N > 1): N Rasa servers behind HAProxy on the REST port, sharing a
PostgreSQL tracker store and a Redis lock store; when no TRACKER_DB_URL / REDIS_URL is given,
local servers are started for them (bot/ops/local_stores.py). One NLG server, one action
server and one web process serve every Rasa server (docs/decisions.md says why).
"""
from __future__ import annotations

import dataclasses
import functools
import http.client
import os
import signal
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from bot.ops.balancer import haproxy_command, haproxy_config
from bot.ops.endpoints import write_endpoints
from bot.ops.local_stores import PostgresCluster, RedisServer
from bot.ops.secrets_file import ensure_secrets
from bot.ops.supervisor import ServiceSpec, Supervisor
from bot.settings import PROJECT_ROOT, VAR_DIR, Settings

#: Replica i listens on the REST port + REPLICA_PORT_OFFSET + i.
REPLICA_PORT_OFFSET = 100
CONVERSATIONS_DATABASE = "cpc_conversations"
#: With a shared lock store, a lock left by a server that died frees itself after this long. It must
#: outlast the longest turn (TURN_TIMEOUT_SECONDS, 4.5 s by default: a turn is cancelled after that).
LOCK_LIFETIME_SECONDS = 6


def http_ok(url: str, any_status: bool = False, timeout: float = 2.0) -> bool:
    """True when `url` answers 200 (or any HTTP status, if `any_status`).

    Anything that is not an HTTP answer means "not yet". Polling a local port in the ephemeral range
    before its server listens can connect the socket to itself (TCP simultaneous open), and the
    request then comes back as the "answer".
    """
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return True
    except urllib.error.HTTPError:
        return any_status
    except (OSError, ValueError, http.client.HTTPException):
        return False


def host_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 80


@dataclass(frozen=True)
class LocalStores:
    """The PostgreSQL and Redis servers this run starts itself (None: not needed or given by URL)."""

    postgres: Optional[PostgresCluster] = None
    redis: Optional[RedisServer] = None


def local_stores(settings: Settings, secrets: dict[str, str], var_dir: Path) -> tuple[Settings, LocalStores]:
    """Settings pointing at local stores where replicas need them and no URL was given."""
    if settings.rasa_replicas < 2:
        return settings, LocalStores()
    postgres = redis = None
    if settings.tracker_db_url.startswith("sqlite"):
        postgres = PostgresCluster(var_dir / "postgres", settings.local_postgres_port,
                                   secrets["LOCAL_POSTGRES_PASSWORD"])
        settings = dataclasses.replace(settings, tracker_db_url=postgres.url(CONVERSATIONS_DATABASE))
    if not settings.redis_url:
        redis = RedisServer(var_dir / "redis", settings.local_redis_port)
        settings = dataclasses.replace(settings, redis_url=redis.url)
    return settings, LocalStores(postgres, redis)


def service_environment(settings: Settings, secrets: dict[str, str]) -> dict[str, str]:
    """The environment every process gets: addresses, secrets, bounds, and quiet TensorFlow."""
    return {
        **os.environ,
        **secrets,
        "RASA_URL": settings.rasa_url,
        "ACTION_SERVER_URL": settings.action_server_url,
        "NLG_URL": settings.nlg_url,
        "WEB_HOST": settings.web_host,
        "WEB_PORT": str(settings.web_port),
        "DATABASE_URL": settings.database_url,
        "TRACKER_DB_URL": settings.tracker_db_url,
        "REDIS_URL": settings.redis_url,
        "RASA_REPLICAS": str(settings.rasa_replicas),
        "TICKET_LOCK_LIFETIME": str(LOCK_LIFETIME_SECONDS),
        "PYTHONPATH": str(PROJECT_ROOT),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "RASA_TELEMETRY_ENABLED": "false",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    }


def rasa_addresses(settings: Settings) -> list[tuple[str, str, int]]:
    """(name, host, port) of each Rasa server: one on the REST port, or replicas behind the balancer."""
    host, port = host_port(settings.rasa_url)
    if settings.rasa_replicas == 1:
        return [("rasa", host, port)]
    return [(f"rasa-{i}", host, port + REPLICA_PORT_OFFSET + i) for i in range(1, settings.rasa_replicas + 1)]


def rasa_server_command(rasa: str, model: Path, endpoints: Path, token: str, host: str, port: int) -> list[str]:
    # "--auth-token=<token>" in one word: a random token may begin with "-", which argparse
    # would take for an option (Rasa then exits at start-up).
    return [rasa, "run", "--model", str(model), "--endpoints", str(endpoints), "--credentials", "credentials.yml",
            "--enable-api", f"--auth-token={token}", "--interface", host, "--port", str(port)]


def plan_services(settings: Settings, model: Path, env: dict[str, str], stores: LocalStores,
                  var_dir: Path) -> dict[str, ServiceSpec]:
    """Every process, in start order."""
    python = sys.executable
    rasa = str(Path(python).with_name("rasa"))
    token = env["RASA_TOKEN"]
    endpoints = write_endpoints(settings, env, var_dir / "endpoints.yml")
    specs: dict[str, ServiceSpec] = {}
    if stores.postgres:
        postgres = stores.postgres
        specs["postgres"] = ServiceSpec("postgres", postgres.server_command(), postgres.is_ready,
                                        after_start=lambda: postgres.create_database(CONVERSATIONS_DATABASE),
                                        stop_signal=signal.SIGINT)
    if stores.redis:
        specs["redis"] = ServiceSpec("redis", stores.redis.command(), stores.redis.is_ready)
    specs["nlg"] = ServiceSpec("nlg", [python, "-m", "bot", "nlg"], lambda: http_ok(f"{settings.nlg_url}/health"))
    specs["actions"] = ServiceSpec("actions", [python, "-m", "bot", "actions"],
                                   lambda: http_ok(f"{settings.action_server_url}/health"))
    servers = rasa_addresses(settings)
    for name, host, port in servers:
        # /status answers 200 only once the model is loaded (409 without one), and needs the token.
        status = f"http://{host}:{port}/status?token={token}"
        specs[name] = ServiceSpec(name, rasa_server_command(rasa, model, endpoints, token, host, port),
                                  functools.partial(http_ok, status))
    if len(servers) > 1:
        listen_host, listen_port = host_port(settings.rasa_url)
        config = var_dir / "haproxy.cfg"
        config.write_text(haproxy_config(listen_host, listen_port, servers, settings.turn_timeout_seconds + 5))
        specs["balancer"] = ServiceSpec("balancer", haproxy_command(config),
                                        lambda: http_ok(f"{settings.rasa_url}/"))
    web = f"http://{settings.web_host}:{settings.web_port}"
    # The web process's /healthz answers 503 while another service is down, yet it is up itself.
    specs["web"] = ServiceSpec("web", [python, "-m", "bot", "web"], lambda: http_ok(f"{web}/healthz", any_status=True))
    return specs


def build_supervisor(settings: Settings, model: Path, var_dir: Path = VAR_DIR) -> tuple[Supervisor, Settings]:
    """A supervisor for every process of this installation, and the settings they run with.

    Its files (endpoints, balancer configuration, local stores' data, logs) go under `var_dir`.
    """
    secrets = ensure_secrets()
    settings, stores = local_stores(settings, secrets, var_dir)
    if stores.postgres:
        stores.postgres.initialise()
    env = service_environment(settings, secrets)
    return Supervisor(plan_services(settings, model, env, stores, var_dir), env, var_dir / "logs"), settings
