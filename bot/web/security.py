"""Security headers on every response, and the same-origin check for the page's POSTs."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from aiohttp import web

from bot.web.keys import K_CSP


def frame_ancestors(value: str) -> str:
    """WEB_FRAME_ANCESTORS, e.g. "'self' https://www.example.gov.uk" (default 'self')."""
    value = value.strip()
    if not value or re.search(r"[;,\r\n]", value):
        return "'self'"
    return value


def content_security_policy(ancestors: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors(ancestors)}",
        ]
    )


async def security_headers(request: web.Request, response: web.StreamResponse) -> None:
    headers = response.headers
    headers["Content-Security-Policy"] = request.app[K_CSP]
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    path = request.path
    if path.startswith("/api/") or path == "/healthz" or request.get("no_store"):
        headers["Cache-Control"] = "no-store"
    elif "Cache-Control" not in headers:
        headers["Cache-Control"] = "no-cache"


def same_origin(request: web.Request) -> bool:
    """Refuse POSTs another site's page makes (Origin present and not ours)."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    hosts = {request.host}
    forwarded = request.headers.get("X-Forwarded-Host")
    if forwarded:
        hosts.add(forwarded.split(",")[0].strip())
    return urlsplit(origin).netloc in hosts
