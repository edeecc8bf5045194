"""Rasa's `nlg:` endpoint type: our NLG server, bounded in time, with the same renderer in-process.

Every response is rendered by bot.nlg.render. Normally Rasa asks the NLG server over HTTP; this
generator adds what Rasa's callback generator lacks:

- safety replies (crisis, distress check-in, service apologies) are rendered in Rasa's own
  process, so they never wait on another service;
- every other request has a short timeout; when the NLG server is slow, down or answers badly,
  the response is rendered in-process instead and the server is left alone for a cool-off
  period (a small circuit breaker), so one outage costs one timeout, not one per reply;
- it sends only what rendering needs, not the whole conversation: the slots, the latest message,
  and of the recent events only the ones rendering reads (this turn's, the last answer's source
  and the last question's intent ranking); and it reuses one HTTP connection pool. Encoding and
  decoding events was most of the NLG server's work and a share of Rasa's.
"""
from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Optional

import aiohttp
from rasa.core.nlg.generator import NaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.utils.endpoints import EndpointConfig

from bot.nlg.render import events_rendering_reads, render
from bot.safety.replies import LOCAL_RESPONSES

logger = logging.getLogger(__name__)

#: How far back rendering looks for the last answer's source and the last question (events).
RECENT_EVENTS = 40
DEFAULT_TIMEOUT_SECONDS = 1.5
DEFAULT_COOL_OFF_SECONDS = 15.0


class CircuitBreaker:
    """Skips a failing dependency for `cool_off` seconds after a failure (this process only)."""

    def __init__(self, cool_off: float) -> None:
        self.cool_off = cool_off
        self._open_until = 0.0

    @property
    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def failed(self) -> None:
        self._open_until = time.monotonic() + self.cool_off

    def succeeded(self) -> None:
        self._open_until = 0.0


def render_event(event: Event) -> Optional[dict[str, Any]]:
    """What rendering reads of one event (bot/nlg/render.py and suggestions.py), in Rasa's event format."""
    if isinstance(event, UserUttered):
        ranking = event.parse_data.get("intent_ranking") or []
        return {"event": "user", "parse_data": {"intent": event.intent, "intent_ranking": ranking}}
    if isinstance(event, BotUttered):
        source = (event.metadata or {}).get("source")
        return {"event": "bot", "metadata": {"source": source} if source else {}}
    return None


def render_state(tracker: DialogueStateTracker) -> dict[str, Any]:
    """The part of the tracker that rendering reads."""
    state = tracker.current_state(EventVerbosity.NONE)
    recent = (render_event(event) for event in list(tracker.events)[-RECENT_EVENTS:])
    state["events"] = events_rendering_reads([event for event in recent if event is not None])
    return state


class ResilientNaturalLanguageGenerator(NaturalLanguageGenerator):
    """See the module docstring. Configured in endpoints.yml as `nlg: type: <this class>`."""

    def __init__(self, endpoint_config: EndpointConfig, domain: Optional[Domain] = None) -> None:
        self.endpoint = endpoint_config
        self.timeout = float(endpoint_config.kwargs.get("timeout", DEFAULT_TIMEOUT_SECONDS))
        self.breaker = CircuitBreaker(float(endpoint_config.kwargs.get("cool_off", DEFAULT_COOL_OFF_SECONDS)))
        self._session: Optional[aiohttp.ClientSession] = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout))
        return self._session

    async def generate(self, utter_action: str, tracker: DialogueStateTracker, output_channel: str,
                       **kwargs: Any) -> Optional[dict[str, Any]]:
        state = render_state(tracker)
        if utter_action in LOCAL_RESPONSES or self.breaker.is_open or not self.endpoint.url:
            return render(utter_action, state, kwargs)
        try:
            reply = await asyncio.wait_for(self._ask_server(utter_action, state, kwargs), self.timeout)
        except (asyncio.TimeoutError, aiohttp.ClientError, ValueError) as error:
            logger.warning("NLG server failed (%s); rendering %s here for %.0f s",
                           type(error).__name__, utter_action, self.breaker.cool_off)
            self.breaker.failed()
            return render(utter_action, state, kwargs)
        self.breaker.succeeded()
        return reply

    async def _ask_server(self, name: str, state: dict[str, Any], arguments: dict[str, Any]) -> dict[str, Any]:
        params = {"token": self.endpoint.token} if self.endpoint.token else {}
        body = {"response": name, "arguments": arguments, "tracker": state}
        async with self._client().post(self.endpoint.url, json=body, params=params) as response:
            response.raise_for_status()
            reply = await response.json()
        if not isinstance(reply, dict) or not isinstance(reply.get("text"), str):
            raise ValueError("the NLG server's reply has no text")
        return reply
