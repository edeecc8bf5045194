"""Rasa's Redis lock store, without blocking the event loop.

Rasa 3.6's RedisLockStore talks to Redis with the synchronous client: seven round trips a turn
(read and write the ticket, read it to acquire, read, write, read and delete to release), each
stopping the server's event loop, and so every other conversation on that server, until Redis
answers. Under load that was about a sixth of a server's time (py-spy, two servers). A Redis
that hangs stopped the whole server for the socket timeout on each call.

This store keeps Rasa's ticket lock (first come, first served; a ticket expires after its
lifetime, so a lock left by a server that died frees itself) and Rasa's stored form (so Rasa's
own methods still read it), but each step is one Lua script run inside Redis: atomic, where
Rasa's read-then-write could lose a ticket between two servers, and three awaited round trips
a turn instead of seven blocking ones.
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator, Coroutine
from contextlib import asynccontextmanager
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import DEFAULT_SOCKET_TIMEOUT_IN_SECONDS, LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

#: Shared by the scripts: the lock's tickets still alive at ARGV[1] (now), as Rasa stores them
#: (each ticket is its own JSON text inside the lock's JSON), and whether any had expired.
_LIVE_TICKETS = """
local function live_tickets(raw, now)
  local lock = cjson.decode(raw)
  local kept, expired = {}, false
  for _, encoded in ipairs(lock.tickets or {}) do
    local ticket = cjson.decode(encoded)
    if ticket.expires >= now then
      table.insert(kept, {encoded = encoded, number = ticket.number, expires = ticket.expires})
    else
      expired = true
    end
  end
  return lock, kept, expired
end

-- whether a stored ticket is the one issued as `issued` (compared by value: Rasa's own store may
-- re-encode the tickets it finds when it adds one)
local function same_ticket(stored, issued)
  return stored.number == issued.number and stored.expires == issued.expires
end

-- the lock as it is now, gone with its last ticket (a lock left by a server that died included)
local function store(key, lock, kept, now)
  if #kept == 0 then
    redis.call('DEL', key)
    return
  end
  local encoded, last = {}, now
  for i, ticket in ipairs(kept) do
    encoded[i] = ticket.encoded
    last = math.max(last, ticket.expires)
  end
  lock.tickets = encoded
  redis.call('SET', key, cjson.encode(lock), 'PX', math.ceil((last - now) * 1000) + 1000)
end
"""

#: ARGV: now, conversation id, lifetime. Returns the new ticket as stored (its number and expiry time),
#: which is how the scripts below know it: numbers start again at 0 once a lock's tickets have all
#: expired, so a turn that outlived its ticket must not take a later turn's ticket 0 for its own.
_ISSUE = _LIVE_TICKETS + """
local now = tonumber(ARGV[1])
local raw = redis.call('GET', KEYS[1])
local lock, kept = {conversation_id = ARGV[2]}, {}
if raw then lock, kept = live_tickets(raw, now) end
local number = 0
if #kept > 0 then number = kept[#kept].number + 1 end
local expires = now + tonumber(ARGV[3])
table.insert(kept, {encoded = cjson.encode({number = number, expires = expires}), number = number, expires = expires})
store(KEYS[1], lock, kept, now)
return kept[#kept].encoded
"""

#: ARGV: now, ticket as issued. Returns 1 (the ticket is served now), 0 (wait) or -1 (it has expired).
_TRY_ACQUIRE = _LIVE_TICKETS + """
local raw = redis.call('GET', KEYS[1])
if not raw then return -1 end
local now, issued = tonumber(ARGV[1]), cjson.decode(ARGV[2])
local lock, kept, expired = live_tickets(raw, now)
if expired then store(KEYS[1], lock, kept, now) end
local mine = false
for _, each in ipairs(kept) do
  if same_ticket(each, issued) then mine = true end
end
if not mine then return -1 end
if same_ticket(kept[1], issued) then return 1 end
return 0
"""

#: ARGV: now, ticket as issued. Removes the ticket (and any expired), and the lock when none is left.
_RELEASE = _LIVE_TICKETS + """
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local now, issued = tonumber(ARGV[1]), cjson.decode(ARGV[2])
local lock, live = live_tickets(raw, now)
local kept = {}
for _, each in ipairs(live) do
  if not same_ticket(each, issued) then table.insert(kept, each) end
end
store(KEYS[1], lock, kept, now)
return 1
"""


class AsyncRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store (the same settings in endpoints.yml), awaited and atomic."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        import redis.asyncio

        settings = dict(endpoint_config.kwargs)
        super().__init__(host=endpoint_config.url or "localhost", **settings)
        timeout = settings.get("socket_timeout", DEFAULT_SOCKET_TIMEOUT_IN_SECONDS)
        self.client = redis.asyncio.Redis(
            host=endpoint_config.url or "localhost", port=int(settings.get("port", 6379)),
            db=int(settings.get("db", 1)), username=settings.get("username"), password=settings.get("password"),
            ssl=bool(settings.get("use_ssl", False)), ssl_certfile=settings.get("ssl_certfile"),
            ssl_keyfile=settings.get("ssl_keyfile"), ssl_ca_certs=settings.get("ssl_ca_certs"),
            socket_timeout=timeout, socket_connect_timeout=timeout)
        self._issue = self.client.register_script(_ISSUE)
        self._try_acquire = self.client.register_script(_TRY_ACQUIRE)
        self._release = self.client.register_script(_RELEASE)
        self._releasing: set[asyncio.Task] = set()

    @asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = 1) -> AsyncGenerator[TicketLock, None]:
        key = self.key_prefix + conversation_id
        ticket = await self._issue_ticket(key, conversation_id, lock_lifetime)
        cancelled = False
        try:
            while (state := await self._call(self._try_acquire, key, ticket)) == 0:
                await asyncio.sleep(wait_time_in_seconds)
            if state != 1:
                raise LockError(f"The lock's ticket expired before it was served ({lock_lifetime} s).")
            yield TicketLock(conversation_id)
        except asyncio.CancelledError:
            cancelled = True
            raise
        finally:
            release = self._in_background(self._release_quietly(key, ticket))
            if not cancelled:       # a cancelled turn (out of time) must not wait on Redis once more
                await asyncio.shield(release)

    async def _issue_ticket(self, key: str, conversation_id: str, lifetime: float) -> bytes:
        """A new ticket. If the turn is cancelled meanwhile, Redis may still issue it: it is then released."""
        issuing = asyncio.ensure_future(self._call(self._issue, key, conversation_id, lifetime))
        try:
            return bytes(await asyncio.shield(issuing))
        except asyncio.CancelledError:
            issuing.add_done_callback(lambda task: self._release_late(key, task))
            raise

    def _release_late(self, key: str, issuing: asyncio.Future) -> None:
        if not issuing.cancelled() and issuing.exception() is None:
            self._in_background(self._release_quietly(key, bytes(issuing.result())))

    async def _call(self, script: Any, key: str, *args: Any) -> Any:
        """Run one script with the time now first; a Redis error becomes Rasa's LockError."""
        import redis

        try:
            return await script(keys=[key], args=[time.time(), *args])
        except (redis.RedisError, OSError, asyncio.TimeoutError) as error:
            raise LockError(f"The lock store could not be reached ({type(error).__name__}).") from error

    async def _release_quietly(self, key: str, ticket: bytes) -> None:
        """Release; if Redis fails now, the ticket expires by itself after its lifetime."""
        try:
            await self._call(self._release, key, ticket)
        except LockError as error:
            logger.warning("%s The conversation's lock will free itself when its ticket expires.", error)

    def _in_background(self, work: Coroutine[Any, Any, None]) -> asyncio.Task:
        task = asyncio.ensure_future(work)
        self._releasing.add(task)        # the loop keeps only weak references to its tasks
        task.add_done_callback(self._releasing.discard)
        return task
