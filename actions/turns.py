"""Reading the tracker: the one place that walks its events.

Forms need three facts about the latest turn: the user's message as a form reads it (an
answer, or a control such as skip, go back or stop), the slot the form was asking for when
it came in, and what Rasa's slot mappings put into slots from it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from rasa_sdk import Tracker

from bot.safety.phrases import CRISIS_CATEGORIES

#: A typed control (not a button) counts only in a short message the model is sure about:
#: "i want the shouting to stop" is their worry, not a request to stop the helper.
MAX_CONTROL_WORDS = 4
MIN_CONTROL_CONFIDENCE = 0.6
CONTROL_INTENTS = frozenset({"skip", "go_back", "change_answer", "keep_answer", "stop", "affirm", "deny",
                             "menu", "goodbye", "start_my_views", "choose_share"})


@dataclass(frozen=True)
class Reply:
    """The latest user message as a form reads it."""

    text: str
    intent: Optional[str]
    confidence: float
    entities: tuple[dict[str, Any], ...]
    is_payload: bool
    crisis: bool

    @property
    def control(self) -> Optional[str]:
        """The control it asks for (skip, go_back, ...), or None when it is an answer."""
        if self.intent not in CONTROL_INTENTS:
            return None
        if self.is_payload:
            return self.intent
        short = len(self.text.split()) <= MAX_CONTROL_WORDS
        return self.intent if short and self.confidence >= MIN_CONTROL_CONFIDENCE else None

    def entity(self, name: str) -> Optional[str]:
        """The value of the first entity called `name`, as text."""
        for entity in self.entities:
            if entity.get("entity") == name and entity.get("value") is not None:
                return str(entity["value"])
        return None


def read_reply(tracker: Tracker) -> Reply:
    """The latest user message, with whether the safety layer found a crisis in it."""
    message = tracker.latest_message or {}
    text = str(message.get("text") or "").strip()
    intent = message.get("intent") or {}
    findings = message.get("safety") or (message.get("parse_data") or {}).get("safety") or []
    crisis = any(isinstance(f, dict) and f.get("category") in CRISIS_CATEGORIES for f in findings)
    return Reply(text=text, intent=intent.get("name"), confidence=float(intent.get("confidence") or 0.0),
                 entities=tuple(e for e in message.get("entities") or [] if isinstance(e, dict)),
                 is_payload=text.startswith("/"), crisis=crisis)


def _last_user_index(tracker: Tracker) -> Optional[int]:
    return max((i for i, e in enumerate(tracker.events) if e.get("event") == "user"), default=None)


def slot_asked_last_turn(tracker: Tracker) -> Optional[str]:
    """The slot the form was asking for when the latest user message came in."""
    requested: Optional[str] = None
    last_user = _last_user_index(tracker)
    for event in tracker.events[:last_user]:
        if event.get("event") == "slot" and event.get("name") == "requested_slot":
            requested = event.get("value")
    return requested


def filled_this_turn(tracker: Tracker, slot: str) -> Optional[Any]:
    """The value the latest user message put in `slot` (slot mappings run before the form)."""
    value: Optional[Any] = None
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "slot" and event.get("name") == slot and value is None:
            value = event.get("value")
    return value
