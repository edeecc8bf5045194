"""Case references: how they are matched, and the keyed hash used for audit and lockout.

Audit rows and lockouts must be findable by reference but must not reveal which
references exist, so they hold HMAC-SHA256(server key, reference) instead of the
reference (the key: bot.server_key).
"""
from __future__ import annotations

import hashlib
import hmac
import re

from bot.server_key import MIN_KEY_CHARS

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def reference_key(reference: str) -> str:
    """The matching form of a reference: upper case letters and digits only.

    "cpc demo 0001", "CPC-DEMO-0001" and "CPC/DEMO/0001" are the same case.
    """
    return _NOT_ALNUM.sub("", str(reference or "").upper())[:64]


class ReferenceHasher:
    """HMAC-SHA256 of a reference's matching form, as 64 hex characters."""

    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_CHARS:
            raise ValueError(f"reference HMAC key must be at least {MIN_KEY_CHARS} bytes")
        self._key = key

    def __call__(self, reference: str) -> str:
        return hmac.new(self._key, reference_key(reference).encode("ascii"), hashlib.sha256).hexdigest()
