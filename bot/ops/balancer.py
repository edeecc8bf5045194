"""The load balancer in front of several Rasa servers: HAProxy, from Debian's packages.

Round robin, so consecutive turns of one conversation land on different servers (the shared
tracker store and Redis lock store keep them in order). Every server is checked every two seconds
and taken out after three failed checks; a request whose connection is refused, or that gets
no answer because a server died under it, is tried once more on another server.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from bot.ops.local_stores import ServiceUnavailable

#: Header naming the Rasa server that answered (for operators and the load test).
SERVED_BY_HEADER = "X-Served-By"


def haproxy_config(listen_host: str, listen_port: int, servers: list[tuple[str, str, int]],
                   server_timeout_seconds: float) -> str:
    """HAProxy's configuration: `servers` are (name, host, port)."""
    lines = [
        "# Written by bot/ops/balancer.py for `make run`; see docs/deploy.md for a council's own balancer.",
        "global",
        "    maxconn 4096",
        "defaults",
        "    mode http",
        "    timeout connect 1s",
        "    timeout client 30s",
        f"    timeout server {max(1, round(server_timeout_seconds))}s",
        "    timeout http-request 10s",
        "    retries 2",
        "    option redispatch 1",
        "    retry-on conn-failure empty-response",
        "    option http-buffer-request",
        "frontend rasa",
        f"    bind {listen_host}:{listen_port}",
        "    default_backend rasa_servers",
        "backend rasa_servers",
        "    balance roundrobin",
        "    option httpchk GET /",
        f"    http-response set-header {SERVED_BY_HEADER} %s",
    ]
    # A refused connection is retried on the other server at once; a server that stops answering
    # checks for 6 s is taken out (a server busy for a moment with a slow database is not).
    lines += [f"    server {name} {host}:{port} check inter 2s fall 3 rise 2" for name, host, port in servers]
    return "\n".join(lines) + "\n"


def haproxy_command(config: Path) -> list[str]:
    binary = shutil.which("haproxy") or (shutil.which("haproxy", path="/usr/sbin"))
    if not binary:
        raise ServiceUnavailable("HAProxy is not installed: apt-get install -y haproxy")
    return [binary, "-db", "-f", str(config)]
