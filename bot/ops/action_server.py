"""The action server: rasa_sdk's app, on localhost only, answering only with the shared secret."""
from __future__ import annotations

import logging

from rasa_sdk.endpoint import create_app
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

from bot.secure_endpoint import token_ok
from bot.settings import load_settings

OPEN_PATHS = frozenset({"/health"})


def build_app() -> Sanic:
    settings = load_settings()
    app = create_app("actions", cors_origins=None)

    @app.middleware("request")
    async def require_token(request: Request) -> HTTPResponse | None:
        if request.path not in OPEN_PATHS and not token_ok(settings.action_token, request.args):
            return json({"error": "unauthorised"}, status=401)
        return None

    return app


def main() -> None:
    settings = load_settings()
    logging.basicConfig(level=settings.log_level)
    host, port = settings.action_server_url.split("//")[1].rsplit(":", 1)
    build_app().run(host=host, port=int(port), workers=1, access_log=False, motd=False)
