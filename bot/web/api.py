"""The page's JSON API: strings, a session id, a message relayed to Rasa, ending a conversation, health."""
from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, Optional

import aiohttp
from aiohttp import web

from bot.i18n import gettext_for, normalise_language
from bot.privacy.erase import erase_conversation
from bot.web.health import component_health
from bot.web.keys import K_CLIENT, K_PROFILE, K_SESSIONS, K_SETTINGS
from bot.web.security import same_origin
from bot.web.sessions import SESSION_RE
from bot.web.strings import MAX_MESSAGE_CHARS, STRINGS, language_payload, retention_period

log = logging.getLogger(__name__)

RASA_TIMEOUT_SECONDS = 15.0
RETRY_PAUSE_SECONDS = 0.3
MAX_BODY_BYTES = 16 * 1024


def json_error(status: int, code: str, lang: str, message_key: str, **fmt: Any) -> web.Response:
    text = gettext_for(lang)(STRINGS[message_key])
    if fmt:
        text = text.replace("{max}", str(fmt.get("max", "")))
    return web.json_response({"error": text, "code": code}, status=status)


async def read_json_object(request: web.Request) -> tuple[Optional[dict], Optional[web.Response]]:
    """The body as a JSON object (any content type: sendBeacon may send text/plain)."""
    lang = normalise_language(request.query.get("lang"))
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        return None, json_error(413, "too_long", lang, "error_too_long", max=MAX_MESSAGE_CHARS)
    try:
        raw = await request.content.read(MAX_BODY_BYTES + 1)
    except (aiohttp.ClientError, asyncio.IncompleteReadError, web.HTTPException):
        return None, json_error(400, "bad_request", lang, "error_bad_request")
    if len(raw) > MAX_BODY_BYTES:
        return None, json_error(413, "too_long", lang, "error_too_long", max=MAX_MESSAGE_CHARS)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None, json_error(400, "bad_request", lang, "error_bad_request")
    if not isinstance(data, dict):
        return None, json_error(400, "bad_request", lang, "error_bad_request")
    return data, None


async def api_strings(request: web.Request) -> web.Response:
    lang = normalise_language(request.query.get("lang"))
    payload = language_payload(lang)
    profile = request.app[K_PROFILE]
    council_name = profile.council_name or payload["strings"]["your_council"]
    payload["council_name"] = council_name
    period = retention_period(profile.retention.conversation_days, lang)
    payload["args"] = {"council_name": council_name, "period": period}
    return web.json_response(payload)


async def api_session(request: web.Request) -> web.Response:
    if request.method == "POST" and not same_origin(request):
        return json_error(403, "forbidden", "en", "error_forbidden")
    return web.json_response({"session": request.app[K_SESSIONS].issue()})


async def api_message(request: web.Request) -> web.Response:
    lang = normalise_language(request.query.get("lang"))
    if not same_origin(request):
        return json_error(403, "forbidden", lang, "error_forbidden")
    data, error = await read_json_object(request)
    if error is not None:
        return error
    assert data is not None
    lang = normalise_language(data.get("language"))
    text = data.get("text")
    if not isinstance(text, str):
        return json_error(400, "bad_request", lang, "error_bad_request")
    text = text.strip()
    if not text:
        return json_error(400, "empty", lang, "error_empty")
    if len(text) > MAX_MESSAGE_CHARS:
        return json_error(413, "too_long", lang, "error_too_long", max=MAX_MESSAGE_CHARS)
    session_id = data.get("session")
    if not isinstance(session_id, str) or not request.app[K_SESSIONS].touch(session_id):
        return json_error(403, "unknown_session", lang, "error_unknown_session")

    settings = request.app[K_SETTINGS]
    url = f"{settings.rasa_url.rstrip('/')}/webhooks/rest/webhook"
    body = {"sender": session_id, "message": text, "metadata": {"language": lang}}
    sessions = request.app[K_SESSIONS]
    sessions.begin(session_id)
    try:
        replies = await relay_to_rasa(request.app[K_CLIENT], url, body, settings.turn_timeout_seconds + 5)
    except RasaUnavailable as exc:
        log.warning("Rasa could not answer: %s", exc)
        return json_error(503, "unavailable", lang, "error_unavailable")
    finally:
        sessions.done(session_id)
    if not isinstance(replies, list):
        return json_error(503, "unavailable", lang, "error_unavailable")
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
    """Erase the conversation in a worker thread (the database calls block)."""
    await asyncio.to_thread(erase_conversation, session_id)


async def api_end(request: web.Request) -> web.Response:
    if not same_origin(request):
        return json_error(403, "forbidden", "en", "error_forbidden")
    data, error = await read_json_object(request)
    if error is not None:
        return error
    assert data is not None
    session_id = data.get("session")
    if not isinstance(session_id, str) or not SESSION_RE.match(session_id):
        return json_error(400, "bad_request", "en", "error_bad_request")
    sessions = request.app[K_SESSIONS]
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
