"""The web process: serves the chat page and relays its messages to Rasa's REST channel.

Routes
  GET  /                  the chat page (?lang=xx picks the starting language)
  GET  /privacy           the privacy notice
  GET  /api/strings       the page's texts in ?lang=xx
  GET|POST /api/session   a new random conversation id
  POST /api/message       {"session", "text", "language"} -> Rasa's list of replies
  POST /api/end           {"session"} -> the conversation is deleted (204)
  GET  /healthz           whether each part answers (bot/web/health.py)
  /assets/...             govuk-frontend's compiled CSS and JS (node_modules, no CDN)
  /static/...             the page's own CSS, JS and icon

Nothing here logs what people type. The browser gets no cookies.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import inspect
import json
import logging
import os
import re
import secrets
import time
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlsplit

import aiohttp
import jinja2
from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from markupsafe import Markup, escape

from bot.i18n import LANGUAGES, gettext_for, normalise_language
from bot.settings import PROJECT_ROOT, Settings, load_settings
from bot.views.web import add_views_routes
from bot.web.health import component_health
from bot.web.profile import WebProfile, load_web_profile, tel_href
from bot.web.strings import MAX_MESSAGE_CHARS, STARTERS, language_payload, retention_period

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"
GOVUK_DIST = Path(
    os.environ.get("GOVUK_FRONTEND_DIR", PROJECT_ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk")
)

EXIT_URL = "https://www.bbc.co.uk/weather"
RASA_TIMEOUT_SECONDS = 15.0
RETRY_PAUSE_SECONDS = 0.3
MAX_BODY_BYTES = 16 * 1024
SESSION_RE = re.compile(r"^[A-Za-z0-9_-]{32}\.[0-9a-f]{32}$")  # token_urlsafe(24) "." HMAC

K_SETTINGS = web.AppKey("settings", Settings)
K_PROFILE = web.AppKey("profile", WebProfile)
K_SESSIONS = web.AppKey("sessions", "SessionRegistry")
K_CLIENT = web.AppKey("client", aiohttp.ClientSession)
K_JINJA = web.AppKey("jinja", jinja2.Environment)
K_CSP = web.AppKey("csp", str)


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

    def forget(self, session_id: str) -> None:
        """Nothing to forget: the page drops the id; a replayed id starts an empty conversation."""

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


def session_key() -> bytes:
    """WEB_SESSION_KEY (set by `make run` from var/secrets.env); a random key if it is missing."""
    configured = os.environ.get("WEB_SESSION_KEY", "")
    if not configured:
        log.warning("WEB_SESSION_KEY is not set: session ids will not survive a restart of this process")
    return configured.encode() if configured else secrets.token_bytes(32)


# ---------------------------------------------------------------------------------------------
# Security headers

def frame_ancestors() -> str:
    """WEB_FRAME_ANCESTORS, e.g. "'self' https://www.example.gov.uk" (default 'self')."""
    value = os.environ.get("WEB_FRAME_ANCESTORS", "").strip()
    if not value or re.search(r"[;,\r\n]", value):
        return "'self'"
    return value


def content_security_policy() -> str:
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
            f"frame-ancestors {frame_ancestors()}",
        ]
    )


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
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


# ---------------------------------------------------------------------------------------------
# Helpers

def _json_error(status: int, code: str, lang: str, message_key: str, **fmt: Any) -> web.Response:
    from bot.web.strings import STRINGS

    text = gettext_for(lang)(STRINGS[message_key])
    if fmt:
        text = text.replace("{max}", str(fmt.get("max", "")))
    return web.json_response({"error": text, "code": code}, status=status)


def _same_origin(request: web.Request) -> bool:
    """Refuse POSTs another site's page makes (Origin present and not ours)."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    hosts = {request.host}
    forwarded = request.headers.get("X-Forwarded-Host")
    if forwarded:
        hosts.add(forwarded.split(",")[0].strip())
    return urlsplit(origin).netloc in hosts


async def _read_json_object(request: web.Request) -> tuple[Optional[dict], Optional[web.Response]]:
    """The body as a JSON object (any content type: sendBeacon may send text/plain)."""
    lang = normalise_language(request.query.get("lang"))
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        return None, _json_error(413, "too_long", lang, "error_too_long", max=MAX_MESSAGE_CHARS)
    try:
        raw = await request.content.read(MAX_BODY_BYTES + 1)
    except (aiohttp.ClientError, asyncio.IncompleteReadError, web.HTTPException):
        return None, _json_error(400, "bad_request", lang, "error_bad_request")
    if len(raw) > MAX_BODY_BYTES:
        return None, _json_error(413, "too_long", lang, "error_too_long", max=MAX_MESSAGE_CHARS)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None, _json_error(400, "bad_request", lang, "error_bad_request")
    if not isinstance(data, dict):
        return None, _json_error(400, "bad_request", lang, "error_bad_request")
    return data, None


def _link(href: str, label: str, extra_class: str = "") -> Markup:
    cls = "govuk-link" + (f" {extra_class}" if extra_class else "")
    if href.startswith("tel:"):  # a phone number keeps its left-to-right order in Arabic and Urdu
        return Markup('<a class="{}" href="{}" dir="ltr">{}</a>').format(cls, href, label)
    return Markup('<a class="{}" href="{}">{}</a>').format(cls, href, label)


def fill(text: str, links: Optional[dict] = None, plain: Optional[dict] = None) -> Markup:
    """Escape a translated string and put links/values into its {placeholders}."""
    links = links or {}
    plain = plain or {}
    out = []
    for part in re.split(r"(\{[a-z_]+\})", text):
        name = part[1:-1] if part.startswith("{") and part.endswith("}") else None
        if name in links:
            out.append(_link(links[name][0], links[name][1], "cpc-nowrap"))
        elif name in plain:
            out.append(escape(plain[name]))
        else:
            out.append(escape(part))
    return Markup("").join(out)


def _page_context(request: web.Request, lang: str) -> dict:
    profile = request.app[K_PROFILE]
    payload = language_payload(lang)
    t = payload["strings"]
    council_name = profile.council_name or t["your_council"]
    safety_links = {
        "emergency": [tel_href(profile.emergency), profile.emergency],
        "childline": [tel_href(profile.childline), profile.childline],
        "nspcc": [tel_href(profile.nspcc), profile.nspcc],
    }
    privacy_args = {
        "council_name": council_name,
        "period": retention_period(profile.retention_days, payload["lang"]),
    }
    data_block = dict(payload, council_name=council_name, args=privacy_args)
    strings_json = (
        json.dumps(data_block, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    return {
        "strings_json": Markup(strings_json),
        "lang": payload["lang"],
        "dir": payload["dir"],
        "t": t,
        "council_name": council_name,
        "council_name_is_default": profile.council_name is None,
        "languages": list(LANGUAGES.values()),
        "exit_url": EXIT_URL,
        "safety_links": safety_links,
        "safety_links_json": json.dumps(safety_links, ensure_ascii=False),
        "fill": fill,
        "starters": STARTERS,
        "max_chars": MAX_MESSAGE_CHARS,
        "retention_days": profile.retention_days,
        "privacy_args": privacy_args,
        "privacy_args_json": json.dumps(privacy_args, ensure_ascii=False),
    }


def _render(request: web.Request, template: str, lang: str) -> web.Response:
    env = request.app[K_JINJA]
    html = env.get_template(template).render(**_page_context(request, lang))
    request["no_store"] = True
    return web.Response(text=html, content_type="text/html", charset="utf-8")


# ---------------------------------------------------------------------------------------------
# Pages

async def index(request: web.Request) -> web.Response:
    return _render(request, "index.html", normalise_language(request.query.get("lang")))


async def privacy(request: web.Request) -> web.Response:
    return _render(request, "privacy.html", normalise_language(request.query.get("lang")))


async def api_strings(request: web.Request) -> web.Response:
    lang = normalise_language(request.query.get("lang"))
    payload = language_payload(lang)
    profile = request.app[K_PROFILE]
    council_name = profile.council_name or payload["strings"]["your_council"]
    payload["council_name"] = council_name
    payload["args"] = {"council_name": council_name, "period": retention_period(profile.retention_days, lang)}
    return web.json_response(payload)


async def api_session(request: web.Request) -> web.Response:
    if request.method == "POST" and not _same_origin(request):
        return _json_error(403, "forbidden", "en", "error_forbidden")
    return web.json_response({"session": request.app[K_SESSIONS].issue()})


async def api_message(request: web.Request) -> web.Response:
    lang = normalise_language(request.query.get("lang"))
    if not _same_origin(request):
        return _json_error(403, "forbidden", lang, "error_forbidden")
    data, error = await _read_json_object(request)
    if error is not None:
        return error
    assert data is not None
    lang = normalise_language(data.get("language"))
    text = data.get("text")
    if not isinstance(text, str):
        return _json_error(400, "bad_request", lang, "error_bad_request")
    text = text.strip()
    if not text:
        return _json_error(400, "empty", lang, "error_empty")
    if len(text) > MAX_MESSAGE_CHARS:
        return _json_error(413, "too_long", lang, "error_too_long", max=MAX_MESSAGE_CHARS)
    session_id = data.get("session")
    if not isinstance(session_id, str) or not request.app[K_SESSIONS].touch(session_id):
        return _json_error(403, "unknown_session", lang, "error_unknown_session")

    settings = request.app[K_SETTINGS]
    url = f"{settings.rasa_url.rstrip('/')}/webhooks/rest/webhook"
    body = {"sender": session_id, "message": text, "metadata": {"language": lang}}
    sessions = request.app[K_SESSIONS]
    sessions.begin(session_id)
    try:
        replies = await relay_to_rasa(request.app[K_CLIENT], url, body, settings.turn_timeout_seconds + 5)
    except RasaUnavailable as exc:
        log.warning("Rasa could not answer: %s", exc)
        return _json_error(503, "unavailable", lang, "error_unavailable")
    finally:
        sessions.done(session_id)
    if not isinstance(replies, list):
        return _json_error(503, "unavailable", lang, "error_unavailable")
    return web.json_response([r for r in replies if isinstance(r, dict)])


class RasaUnavailable(Exception):
    """Rasa's REST channel gave no usable answer; the message says why (never what was typed)."""


async def relay_to_rasa(client: aiohttp.ClientSession, url: str, body: dict, timeout: float) -> Any:
    """Post one message to Rasa. Tried once more when it never reached a Rasa server (connection
    refused, or the load balancer had no server up for a moment), never when it may have been handled."""
    for attempt in (1, 2):
        try:
            async with client.post(url, json=body, timeout=aiohttp.ClientTimeout(total=timeout)) as resp:
                if resp.status == 503 and attempt == 1:
                    await asyncio.sleep(RETRY_PAUSE_SECONDS)
                    continue
                if resp.status != 200:
                    raise RasaUnavailable(f"HTTP {resp.status}")
                return await resp.json(content_type=None)
        except aiohttp.ClientConnectionError as exc:
            if attempt == 2 or isinstance(exc, aiohttp.ServerDisconnectedError):
                raise RasaUnavailable(type(exc).__name__) from None
            await asyncio.sleep(RETRY_PAUSE_SECONDS)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
            raise RasaUnavailable(type(exc).__name__) from None
    raise RasaUnavailable("no answer")


async def _erase(session_id: str) -> None:
    from bot.privacy.erase import erase_conversation  # written by the lead; imported when needed

    if inspect.iscoroutinefunction(erase_conversation):
        await erase_conversation(session_id)
    else:
        result = await asyncio.get_running_loop().run_in_executor(None, erase_conversation, session_id)
        if inspect.isawaitable(result):
            await result


async def api_end(request: web.Request) -> web.Response:
    if not _same_origin(request):
        return _json_error(403, "forbidden", "en", "error_forbidden")
    data, error = await _read_json_object(request)
    if error is not None:
        return error
    assert data is not None
    session_id = data.get("session")
    if not isinstance(session_id, str) or not SESSION_RE.match(session_id):
        return _json_error(400, "bad_request", "en", "error_bad_request")
    sessions = request.app[K_SESSIONS]
    sessions.forget(session_id)  # no new message is accepted for it from now on
    await sessions.settled(session_id, RASA_TIMEOUT_SECONDS + 1)
    try:
        await _erase(session_id)
    except ImportError:
        log.error("bot.privacy.erase.erase_conversation is not available: conversation NOT erased")
        return web.json_response({"error": "Erasing is not available.", "code": "not_available"}, status=500)
    except Exception:  # noqa: BLE001 - never leak details to the page
        log.exception("Erasing a conversation failed")
        return web.json_response({"error": "Erasing failed.", "code": "erase_failed"}, status=500)
    return web.Response(status=204)


async def healthz(request: web.Request) -> web.Response:
    body = await component_health(request.app[K_SETTINGS], request.app[K_CLIENT])
    ok = all(value == "ok" for value in body.values())
    return web.json_response(body, status=200 if ok else 503)


# ---------------------------------------------------------------------------------------------
# Application

async def _client_ctx(app: web.Application):
    app[K_CLIENT] = aiohttp.ClientSession(
        timeout=aiohttp.ClientTimeout(total=RASA_TIMEOUT_SECONDS), trust_env=False
    )
    yield
    await app[K_CLIENT].close()


@web.middleware
async def _json_errors_for_api(request: web.Request, handler):
    """Plain-text framework errors (404, 405, 413) become JSON under /api/."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if not request.path.startswith("/api/") or exc.status < 400:
            raise
        return web.json_response({"error": exc.reason, "code": f"http_{exc.status}"}, status=exc.status)


def create_app(settings: Settings) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY_BYTES, middlewares=[_json_errors_for_api])
    app[K_SETTINGS] = settings
    app[K_PROFILE] = load_web_profile(settings.council_profile)
    app[K_SESSIONS] = SessionRegistry(session_key())
    app[K_CSP] = content_security_policy()
    app[K_JINJA] = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    app.cleanup_ctx.append(_client_ctx)
    app.on_response_prepare.append(_security_headers)

    app.router.add_get("/", index)
    app.router.add_get("/privacy", privacy)
    app.router.add_get("/api/strings", api_strings)
    app.router.add_route("GET", "/api/session", api_session)
    app.router.add_route("POST", "/api/session", api_session)
    app.router.add_post("/api/message", api_message)
    app.router.add_post("/api/end", api_end)
    app.router.add_get("/healthz", healthz)
    add_views_routes(app)
    app.router.add_static("/static/", STATIC_DIR)
    if GOVUK_DIST.is_dir():
        # Only dist/govuk itself: its fonts (GDS Transport) sit in dist/govuk/assets/ and are not served.
        app.router.add_static("/assets/", GOVUK_DIST)
    else:
        log.error("govuk-frontend not found at %s: run `npm ci` in the project folder", GOVUK_DIST)
    return app


class RedactingAccessLogger(AbstractAccessLogger):
    """Method, path, status and time only: no client address, query string, referrer or user agent,
    and no document link token (a link to a young person's views works for an hour)."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        path = re.sub(r"^/views/[^/]+\.(pdf|html)$", r"/views/[link].\1", request.path)
        self.logger.info('"%s %s" %s %.3fs', request.method, path, response.status, time)


def main() -> None:
    settings = load_settings()
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    web.run_app(
        create_app(settings),
        host=settings.web_host,
        port=settings.web_port,
        access_log_class=RedactingAccessLogger,
        print=lambda *_: log.info("Web chat on http://%s:%s/", settings.web_host, settings.web_port),
    )


if __name__ == "__main__":
    main()
