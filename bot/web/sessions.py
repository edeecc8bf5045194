"""Signed, stateless session ids for the chat page, and the messages in flight per session."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
import secrets
import time

log = logging.getLogger(__name__)

SESSION_RE = re.compile(r"^[A-Za-z0-9_-]{32}\.[0-9a-f]{32}$")  # token_urlsafe(24) "." HMAC


class SessionRegistry:
    """Signed session ids: any web process behind a load balancer can check them.

    An id is random text plus an HMAC of it (WEB_SESSION_KEY), so nothing about sessions has to
    live in this process's memory. Only messages in flight are tracked here, per process.
    """

    def __init__(self, key: bytes) -> None:
        self._key = key
        self._in_flight: dict[str, int] = {}

    def _signature(self, random_part: str) -> str:
        return hmac.new(self._key, random_part.encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self) -> str:
        random_part = secrets.token_urlsafe(24)
        return f"{random_part}.{self._signature(random_part)}"

    def touch(self, session_id: str) -> bool:
        """True for an id this service issued."""
        if not SESSION_RE.match(session_id):
            return False
        random_part, signature = session_id.split(".")
        return hmac.compare_digest(signature, self._signature(random_part))

    # Messages on their way to Rasa, so that ending a conversation waits for them: otherwise
    # Rasa could store a turn just after the conversation was erased.
    def begin(self, session_id: str) -> None:
        self._in_flight[session_id] = self._in_flight.get(session_id, 0) + 1

    def done(self, session_id: str) -> None:
        left = self._in_flight.get(session_id, 0) - 1
        if left > 0:
            self._in_flight[session_id] = left
        else:
            self._in_flight.pop(session_id, None)

    async def settled(self, session_id: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while session_id in self._in_flight and time.monotonic() < deadline:
            await asyncio.sleep(0.05)


def session_key(configured: str) -> bytes:
    """WEB_SESSION_KEY (set by `make run` from var/secrets.env); a random key if it is missing."""
    if not configured:
        log.warning("WEB_SESSION_KEY is not set: session ids will not survive a restart of this process")
    return configured.encode() if configured else secrets.token_bytes(32)
