"""Shared pieces of the young person's path: the draft store, who is talking, and how a reply
inside the "My views" helper is read (an answer in their own words, or a control such as
skip, go back, change, keep or stop).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from rasa_sdk import Tracker

from bot.nlg.render import conversation_language
from bot.profile import load_profile
from bot.safety.phrases import CRISIS_CATEGORIES
from bot.settings import load_settings
from bot.views.document import own_words
from bot.views.drafts import DraftStore

#: A typed control (not a button) counts only in a short message the model is sure about:
#: "i want the shouting to stop" is their worry, not a request to stop the helper.
MAX_CONTROL_WORDS = 4
MIN_CONTROL_CONFIDENCE = 0.6
CONTROL_INTENTS = frozenset({"skip", "go_back", "change_answer", "keep_answer", "stop", "affirm", "deny",
                             "menu", "goodbye", "start_my_views", "choose_share"})
#: Unicode isolates around their words in a chat reply: kept exactly as written, shown in the
#: right direction inside right-to-left text, and never mistaken for a translatable text.
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


@lru_cache(maxsize=1)
def draft_store() -> DraftStore:
    """One draft store per action-server process (it holds only a connection pool)."""
    return DraftStore(load_settings().database_url)


def child_attend_age() -> int:
    """From this age a young person is usually offered a part of the conference (profile)."""
    return int(load_profile().placeholder_values()["child_attend_age"])


def language_of(tracker: Tracker) -> str:
    """The conversation's language, the same way the NLG server decides it."""
    return conversation_language({"slots": tracker.slots, "latest_message": tracker.latest_message or {}})


def is_young_person(tracker: Tracker) -> bool:
    return tracker.get_slot("is_young_person") is True or tracker.get_slot("audience") == "young_person"


def as_reply_words(text: str) -> str:
    """Their words for a chat reply argument, isolated (see FIRST_STRONG_ISOLATE); invisible
    control and direction-override characters are left out, as in their document."""
    return f"{FIRST_STRONG_ISOLATE}{own_words(text)}{POP_DIRECTIONAL_ISOLATE}"


@dataclass(frozen=True)
class Reply:
    """The latest user message as the helper reads it."""

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
        for entity in self.entities:
            if entity.get("entity") == name and entity.get("value") is not None:
                return str(entity["value"])
        return None


def read_reply(tracker: Tracker) -> Reply:
    message = tracker.latest_message or {}
    text = str(message.get("text") or "").strip()
    intent = message.get("intent") or {}
    findings = message.get("safety") or (message.get("parse_data") or {}).get("safety") or []
    crisis = any(isinstance(f, dict) and f.get("category") in CRISIS_CATEGORIES for f in findings)
    return Reply(text=text, intent=intent.get("name"), confidence=float(intent.get("confidence") or 0.0),
                 entities=tuple(e for e in message.get("entities") or [] if isinstance(e, dict)),
                 is_payload=text.startswith("/"), crisis=crisis)


def slot_asked_last_turn(tracker: Tracker) -> Optional[str]:
    """The slot the form was asking for when the latest user message came in."""
    requested: Optional[str] = None
    last_user = max((i for i, e in enumerate(tracker.events) if e.get("event") == "user"), default=None)
    for index, event in enumerate(tracker.events):
        if last_user is not None and index >= last_user:
            break
        if event.get("event") == "slot" and event.get("name") == "requested_slot":
            requested = event.get("value")
    return requested
