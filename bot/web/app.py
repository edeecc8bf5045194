"""The web process: serves the chat page and relays its messages to Rasa's REST channel.

Routes
  GET  /                  the chat page (?lang=xx picks the starting language)    bot/web/pages.py
  GET  /privacy           the privacy notice                                      bot/web/pages.py
  GET  /api/strings       the page's texts in ?lang=xx                            bot/web/api.py
  GET|POST /api/session   a new random conversation id                            bot/web/api.py
  POST /api/message       {"session", "text", "language"} -> Rasa's replies       bot/web/api.py
  POST /api/end           {"session"} -> the conversation is deleted (204)        bot/web/api.py
  GET  /healthz           whether each part answers                               bot/web/health.py
  /views/...              a young person's document, behind a signed link         bot/my_views/routes.py
  /assets/...             govuk-frontend's compiled CSS and JS (node_modules, no CDN)
  /static/...             the page's own CSS, JS and icon

Nothing here logs what people type. The browser gets no cookies.
"""
from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import aiohttp
import jinja2
from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from bot.my_views.routes import add_views_routes
from bot.profile import load_profile
from bot.settings import Settings, load_settings
from bot.web import api, pages
from bot.web.keys import K_CLIENT, K_CSP, K_JINJA, K_PROFILE, K_SESSIONS, K_SETTINGS
from bot.web.security import content_security_policy, security_headers
from bot.web.sessions import SessionRegistry, session_key

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"


async def _client_ctx(app: web.Application) -> AsyncIterator[None]:
    app[K_CLIENT] = aiohttp.ClientSession(
        timeout=aiohttp.ClientTimeout(total=api.RASA_TIMEOUT_SECONDS), trust_env=False
    )
    yield
    await app[K_CLIENT].close()


@web.middleware
async def _json_errors_for_api(request: web.Request,
                               handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.StreamResponse:
    """Plain-text framework errors (404, 405, 413) become JSON under /api/."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if not request.path.startswith("/api/") or exc.status < 400:
            raise
        return web.json_response({"error": exc.reason, "code": f"http_{exc.status}"}, status=exc.status)


def create_app(settings: Settings) -> web.Application:
    app = web.Application(client_max_size=api.MAX_BODY_BYTES, middlewares=[_json_errors_for_api])
    app[K_SETTINGS] = settings
    app[K_PROFILE] = load_profile(settings.council_profile)
    app[K_SESSIONS] = SessionRegistry(session_key(settings.web_session_key))
    app[K_CSP] = content_security_policy(settings.web_frame_ancestors)
    app[K_JINJA] = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    app.cleanup_ctx.append(_client_ctx)
    app.on_response_prepare.append(security_headers)  # type: ignore[arg-type]  # aiosignal's stubs

    app.router.add_get("/", pages.index)
    app.router.add_get("/privacy", pages.privacy)
    app.router.add_get("/api/strings", api.api_strings)
    app.router.add_route("GET", "/api/session", api.api_session)
    app.router.add_route("POST", "/api/session", api.api_session)
    app.router.add_post("/api/message", api.api_message)
    app.router.add_post("/api/end", api.api_end)
    app.router.add_get("/healthz", api.healthz)
    add_views_routes(app)
    app.router.add_static("/static/", STATIC_DIR)
    if settings.govuk_frontend_dir.is_dir():
        # Only dist/govuk itself: its fonts (GDS Transport) sit in dist/govuk/assets/ and are not served.
        app.router.add_static("/assets/", settings.govuk_frontend_dir)
    else:
        log.error("govuk-frontend not found at %s: run `npm ci` in the project folder", settings.govuk_frontend_dir)
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
