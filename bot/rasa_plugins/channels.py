"""Rasa's REST channel with input checks and a bounded turn.

- Bad input gets a clear 4xx, never a 500 or silence.
- Every turn has a time budget. A turn that fails or runs out of time (a hung database, a
  lock store that is down) still gets a reply: the crisis reply when the message shows
  danger, otherwise a short apology that names 999. That reply is worked out in Rasa's own
  process from the NLU result alone, so it needs no other service.
- Rasa 3.6 waits up to 300 s on the action server and has no setting for it (RasaHQ/rasa
  issue 9789); the channel bounds that wait when it starts (see `bound_action_server_wait`).
- The user's text is never logged.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Optional

import rasa.core.actions.action
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, Sanic
from sanic.exceptions import InvalidUsage, PayloadTooLarge
from sanic.request import Request

from bot.i18n import normalise_language
from bot.nlg.render import render
from bot.rasa_plugins.garbage_collection import ModelFreeze
from bot.rasa_plugins.nlu.language import found_language
from bot.safety.replies import TURN_FAILED_RESPONSE, crisis_response
from bot.settings import load_settings

MAX_MESSAGE_CHARS = 5000
MAX_SENDER_CHARS = 128
#: How long the last resort may spend understanding the message.
LAST_RESORT_PARSE_SECONDS = 1.0

logger = logging.getLogger(__name__)
Handler = Callable[[UserMessage], Awaitable[Any]]


def bound_action_server_wait(seconds: float) -> None:
    """Make Rasa give up on the action server after `seconds` instead of 300.

    RemoteAction reads this module constant on every call; a failed call leaves the action
    with no events, which the guard policy answers with an apology and the menu.
    """
    rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT = seconds


def _body(request: Request) -> dict:
    body = request.json  # Sanic answers malformed JSON with a 400 itself
    if not isinstance(body, dict):
        raise InvalidUsage("Send a JSON object with 'sender' and 'message'.")
    return body


class BoundedTurn:
    """Runs Rasa's handler for one message within a time budget, with a last-resort reply."""

    def __init__(self, handle: Handler, seconds: float) -> None:
        self.handle = handle
        self.seconds = seconds
        self.app: Optional[Sanic] = None
        self.model_freeze = ModelFreeze()

    def remember(self, app: Sanic) -> None:
        """Called once the server has started, with the model loaded (Rasa loads it before start)."""
        self.app = app
        self.model_freeze.follow(app.ctx.agent)

    async def __call__(self, message: UserMessage) -> None:
        if self.app is not None:
            self.model_freeze.follow(self.app.ctx.agent)   # a model loaded through the HTTP API since
        try:
            await asyncio.wait_for(self.handle(message), self.seconds)
            return
        except asyncio.TimeoutError:
            logger.error("A turn ran out of time (%.1f s); sending the last-resort reply", self.seconds)
        except Exception as error:  # noqa: BLE001 - any failure must still get a reply
            logger.error("A turn failed (%s); sending the last-resort reply", type(error).__name__)
        if getattr(message.output_channel, "messages", None):
            return  # something was already said this turn
        for reply in await self.last_resort(message):
            await message.output_channel.send_response(message.sender_id, reply)

    async def last_resort(self, message: UserMessage) -> list[dict[str, Any]]:
        parsed: dict[str, Any] = {}
        agent = self.app.ctx.agent if self.app is not None else None
        if agent is not None and message.text and not message.text.startswith("/"):
            try:
                parsed = await asyncio.wait_for(agent.parse_message(message.text), LAST_RESORT_PARSE_SECONDS)
            except Exception as error:  # noqa: BLE001
                logger.error("The last resort could not read the message either (%s)", type(error).__name__)
        name = crisis_response(parsed.get("safety") or []) or TURN_FAILED_RESPONSE
        language = found_language(parsed.get("entities"))
        metadata = message.metadata if isinstance(message.metadata, dict) else {}
        state = {"slots": {"language": normalise_language(language or metadata.get("language"))},
                 "latest_message": {"metadata": metadata}, "events": []}
        reply = render(name, state, {})
        return [{key: value for key, value in reply.items() if key in ("text", "buttons", "custom")}]


class ValidatingRestInput(RestInput):
    """The standard REST channel (same URL and replies) that refuses malformed requests."""

    def __init__(self, turn_seconds: Optional[float] = None, action_seconds: Optional[float] = None) -> None:
        settings = load_settings()
        self.turn_seconds = float(turn_seconds or settings.turn_timeout_seconds)
        self.action_seconds = float(action_seconds or settings.action_timeout_seconds)

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[dict[str, Any]]) -> ValidatingRestInput:
        return cls(**(credentials or {}))

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        bound_action_server_wait(self.action_seconds)
        turn = BoundedTurn(on_new_message, self.turn_seconds)
        blueprint = super().blueprint(turn)

        @blueprint.listener("after_server_start")
        async def remember_app(app: Sanic, _loop: Any) -> None:
            turn.remember(app)

        return blueprint

    async def _extract_sender(self, req: Request) -> Optional[str]:
        sender = _body(req).get("sender")
        if not isinstance(sender, str) or not 0 < len(sender.strip()) <= MAX_SENDER_CHARS:
            raise InvalidUsage(f"'sender' must be a text of 1 to {MAX_SENDER_CHARS} characters.")
        return sender

    def _extract_message(self, req: Request) -> Optional[str]:
        message = _body(req).get("message")
        if not isinstance(message, str) or not message.strip():
            raise InvalidUsage("The message is empty. Please type a question.")
        if len(message) > MAX_MESSAGE_CHARS:
            raise PayloadTooLarge(f"The message is too long. Please keep it under {MAX_MESSAGE_CHARS} characters.")
        return message
