"""Rasa's REST channel with input checks: bad input gets a clear 4xx, never a 500 or silence."""
from __future__ import annotations

from typing import Optional

from rasa.core.channels.rest import RestInput
from sanic.exceptions import InvalidUsage, PayloadTooLarge
from sanic.request import Request

MAX_MESSAGE_CHARS = 5000
MAX_SENDER_CHARS = 128


def _body(request: Request) -> dict:
    body = request.json  # Sanic answers malformed JSON with a 400 itself
    if not isinstance(body, dict):
        raise InvalidUsage("Send a JSON object with 'sender' and 'message'.")
    return body


class ValidatingRestInput(RestInput):
    """The standard REST channel (same URL and replies) that refuses malformed requests."""

    @classmethod
    def name(cls) -> str:
        return "rest"

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
