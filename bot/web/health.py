"""GET /healthz: whether each part of the assistant answers, each probe bounded in time.

Reports the web process itself, Rasa (through the load balancer when there are several
servers), the action server, the NLG server, the case database, the conversations database
and, when there is one, the Redis lock store. 200 when every part is ok, 503 otherwise;
the body names each part, never an address or a secret.
"""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from functools import lru_cache

import aiohttp
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.settings import Settings
from bot.storage.engine import make_engine

PROBE_SECONDS = 3.0


async def http_probe(client: aiohttp.ClientSession, url: str) -> str:
    try:
        async with client.get(url, timeout=aiohttp.ClientTimeout(total=PROBE_SECONDS)) as response:
            return "ok" if response.status == 200 else "down"
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        return "down"


@lru_cache(maxsize=4)
def _engine(url: str) -> Engine:
    return make_engine(url, timeout=PROBE_SECONDS - 0.5)


def _select_one(url: str) -> None:
    with _engine(url).connect() as connection:
        connection.execute(sa.text("SELECT 1"))


def _redis_ping(url: str) -> None:
    import redis

    if not redis.Redis.from_url(url, socket_timeout=PROBE_SECONDS - 0.5,
                                socket_connect_timeout=PROBE_SECONDS - 0.5).ping():
        raise ConnectionError("no PONG")


async def blocking_probe(check: Callable[[str], None], url: str) -> str:
    """Run a blocking check in a thread; 'down' on any error or after PROBE_SECONDS."""
    work: Awaitable[None] = asyncio.get_running_loop().run_in_executor(None, check, url)
    try:
        await asyncio.wait_for(work, PROBE_SECONDS)
        return "ok"
    except Exception:  # noqa: BLE001 - a health probe reports, it never raises
        return "down"


async def component_health(settings: Settings, client: aiohttp.ClientSession) -> dict[str, str]:
    probes = {
        # /status answers 200 only with a model loaded; it needs the token, which never leaves here.
        "rasa": http_probe(client, f"{settings.rasa_url.rstrip('/')}/status?token={settings.rasa_token}"),
        "actions": http_probe(client, f"{settings.action_server_url.rstrip('/')}/health"),
        "nlg": http_probe(client, f"{settings.nlg_url.rstrip('/')}/health"),
        "case_database": blocking_probe(_select_one, settings.database_url),
        "conversations_database": blocking_probe(_select_one, settings.tracker_db_url),
    }
    if settings.redis_url:
        probes["lock_store"] = blocking_probe(_redis_ping, settings.redis_url)
    results = await asyncio.gather(*probes.values())
    return {"web": "ok", **dict(zip(probes, results, strict=True))}
