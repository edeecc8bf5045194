"""rasa_sdk trackers for action tests, in the style of RasaHQ/financial-demo."""
from __future__ import annotations

import time
from functools import lru_cache
from typing import Any, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.settings import DOMAIN_DIR


@lru_cache(maxsize=1)
def domain_dict() -> dict[str, Any]:
    from rasa.shared.core.domain import Domain

    return Domain.load(str(DOMAIN_DIR)).as_dict()


def user_turn(text: str, intent: str = "inform", slots: Optional[dict[str, Any]] = None,
              parse_data: Optional[dict[str, Any]] = None) -> list[dict[str, Any]]:
    """Events of one user message and the slots Rasa extracted from it."""
    events = [{"event": "user", "timestamp": time.time(), "text": text,
               "parse_data": {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": [],
                              **(parse_data or {})}}]
    events += [{"event": "slot", "timestamp": time.time(), "name": name, "value": value}
               for name, value in (slots or {}).items()]
    return events


def make_tracker(sender: str, text: str, slots: Optional[dict[str, Any]] = None,
                 extracted: Optional[dict[str, Any]] = None, intent: str = "inform",
                 active_loop: Optional[str] = None, parse_data: Optional[dict[str, Any]] = None) -> Tracker:
    """A tracker whose latest user message is `text`, with `extracted` slots set from it."""
    all_slots = {**(slots or {}), **(extracted or {})}
    events = user_turn(text, intent, extracted, parse_data)
    latest = events[0]["parse_data"]
    return Tracker(sender, all_slots, latest, events, False, None,
                   {"name": active_loop} if active_loop else {}, "action_listen")


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [message.get("response") for message in dispatcher.messages]


def message(dispatcher: CollectingDispatcher, response: str) -> dict[str, Any]:
    return next(m for m in dispatcher.messages if m.get("response") == response)


def slot_values(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}
