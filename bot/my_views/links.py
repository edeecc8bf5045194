"""Short-lived download links for a young person's views document.

A link carries a signed token: a version byte, the conversation's *link key* and an expiry
time, followed by an HMAC-SHA256 tag. The link key is itself an HMAC of the conversation id,
so the token binds the conversation without revealing its id (the id is what a chat page
uses to send messages, so it must never appear in a URL). The web process finds the draft
by its link key; a token for another conversation, a changed token, or an expired one gets
nothing.

Both keys are derived from the server secret CASES_HMAC_KEY (or its key file, exactly as the
case layer loads it), so the action server that makes a link and the web process that reads
it agree without sharing anything else.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import struct
from datetime import datetime, timedelta
from typing import Optional

from bot.my_views import LINK_LIFETIME
from bot.server_key import MIN_KEY_CHARS, load_hmac_key
from bot.settings import load_settings
from bot.timeutil import Clock, require_aware, utcnow

TOKEN_VERSION = 1
LINK_KEY_BYTES = 16
TAG_BYTES = 16
_PAYLOAD = struct.Struct(">B16sQ")  # version, link key, expiry (Unix seconds)
TOKEN_CHARS = len(base64.urlsafe_b64encode(b"\0" * (_PAYLOAD.size + TAG_BYTES)).rstrip(b"="))
#: Where the chat page is published (e.g. https://help.example.gov.uk); default: the web process.


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class LinkSigner:
    """Makes and checks download tokens. `key` defaults to the case layer's HMAC secret."""

    def __init__(self, key: Optional[bytes] = None, clock: Clock = utcnow,
                 lifetime: timedelta = LINK_LIFETIME) -> None:
        master = key if key is not None else load_hmac_key()
        if len(master) < MIN_KEY_CHARS:
            raise ValueError(f"the link key must be at least {MIN_KEY_CHARS} bytes")
        self._draft_key = hmac.new(master, b"cpc views: draft link key v1", hashlib.sha256).digest()
        self._token_key = hmac.new(master, b"cpc views: download token v1", hashlib.sha256).digest()
        self._clock = clock
        self.lifetime = lifetime

    def link_key(self, conversation_id: str) -> str:
        """The conversation's opaque key (32 hex characters), stored with its draft."""
        digest = hmac.new(self._draft_key, str(conversation_id).encode("utf-8"), hashlib.sha256).digest()
        return digest[:LINK_KEY_BYTES].hex()

    def _tag(self, payload: bytes) -> bytes:
        return hmac.new(self._token_key, payload, hashlib.sha256).digest()[:TAG_BYTES]

    def token_for(self, conversation_id: str) -> str:
        """A token that opens this conversation's document until the lifetime runs out."""
        expires = require_aware(self._clock()) + self.lifetime
        payload = _PAYLOAD.pack(TOKEN_VERSION, bytes.fromhex(self.link_key(conversation_id)),
                                int(expires.timestamp()))
        return _b64(payload + self._tag(payload))

    def read(self, token: str) -> Optional[str]:
        """The link key inside a valid, unexpired token; None for anything else."""
        if not isinstance(token, str) or len(token) != TOKEN_CHARS:
            return None
        try:
            raw = _unb64(token)
        except (binascii.Error, ValueError):
            return None
        if len(raw) != _PAYLOAD.size + TAG_BYTES:
            return None
        payload, tag = raw[:_PAYLOAD.size], raw[_PAYLOAD.size:]
        if not hmac.compare_digest(tag, self._tag(payload)):
            return None
        version, link_key, expires = _PAYLOAD.unpack(payload)
        if version != TOKEN_VERSION:
            return None
        if require_aware(self._clock()).timestamp() >= expires:
            return None
        return link_key.hex()

    def expires_at(self) -> datetime:
        """When a token made now stops working."""
        return require_aware(self._clock()) + self.lifetime


def public_base_url() -> str:
    """The address people reach the web process at (WEB_PUBLIC_URL, else WEB_HOST:WEB_PORT)."""
    settings = load_settings()
    return settings.web_public_url or f"http://{settings.web_host}:{settings.web_port}"


def document_urls(token: str, base_url: Optional[str] = None) -> tuple[str, str]:
    """The PDF and the HTML address for a token."""
    base = (base_url or public_base_url()).rstrip("/")
    return f"{base}/views/{token}.pdf", f"{base}/views/{token}.html"
