"""Shared-secret check for our internal HTTP services (NLG server, action server).

Rasa sends the endpoint's `token` from endpoints.yml as a `token` query parameter.
"""
from __future__ import annotations

import hmac
from collections.abc import Mapping


def token_ok(expected: str, query: Mapping[str, str]) -> bool:
    """True when no token is configured (local development) or the request carries it."""
    if not expected:
        return True
    return hmac.compare_digest(expected.encode(), (query.get("token") or "").encode())
