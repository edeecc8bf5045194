"""Drives the "My views" form turn by turn with rasa_sdk trackers, the way Rasa runs it.

Each turn: the user message fills the requested slot (from_text), the validation action
runs, the next slot is requested (by the validation action, or else the first empty one in
the domain's order) and its ask action runs; when nothing is left, the finish action runs.
Between turns every `views_*` slot value becomes "[removed]", as in the tracker store, so
the tests prove the form never needs their words from a slot.
"""
from __future__ import annotations

import asyncio
import time
from typing import Any, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.my_views_form import ValidateViewsForm
from actions.my_views_questions import (
    AskViewsChairOnly,
    AskViewsConfirmed,
    AskViewsFirstName,
    AskViewsGoingWell,
    AskViewsSend,
    AskViewsShare,
    AskViewsWishes,
    AskViewsWorries,
)
from actions.my_views_session import ActionViewsFinish, ActionViewsStart
from tests.support.trackers import domain_dict

ASK_ACTIONS: dict[str, Action] = {action.name()[len("action_ask_"):]: action for action in (
    AskViewsGoingWell(), AskViewsWorries(), AskViewsWishes(), AskViewsShare(), AskViewsChairOnly(),
    AskViewsFirstName(), AskViewsConfirmed(), AskViewsSend())}
FORM = "views_form"
MASKED = "[removed]"


def _slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "timestamp": time.time(), "name": name, "value": value}


class Said(list):
    """The messages of one turn (dispatcher dicts)."""

    @property
    def responses(self) -> list[str]:
        return [m.get("response") for m in self]

    def message(self, response: str) -> dict[str, Any]:
        return next(m for m in self if m.get("response") == response)

    def answers(self) -> list[str]:
        return [m["views_answer"] for m in self if "views_answer" in m]


class FormDriver:
    def __init__(self, sender: str, language: Optional[str] = None) -> None:
        self.sender = sender
        self.slots: dict[str, Any] = {"audience": "young_person", "is_young_person": True, "requested_slot": None}
        if language:
            self.slots["language"] = language
        self.events: list[dict[str, Any]] = []
        self.active = False
        self.finished_with: Optional[Said] = None
        self.latest: dict[str, Any] = {"text": "", "intent": {"name": "start_my_views", "confidence": 1.0},
                                       "entities": []}

    # -- plumbing ------------------------------------------------------------------------------

    def _tracker(self) -> Tracker:
        return Tracker(self.sender, dict(self.slots), self.latest, list(self.events), False, None,
                       {"name": FORM} if self.active else {}, "action_listen")

    def _run(self, action: Action, said: Said, extra: Optional[list[dict[str, Any]]] = None) -> list[dict[str, Any]]:
        """Run an action on the stored events (plus `extra`, as Rasa's temporary tracker adds)."""
        dispatcher = CollectingDispatcher()
        tracker = self._tracker()
        tracker.events.extend(extra or [])
        events = asyncio.run(action.run(dispatcher, tracker, domain_dict()))
        assert events, f"{action.name()} must return at least one event"
        said.extend(dispatcher.messages)
        for event in events:
            if event.get("event") == "slot":
                self.slots[event["name"]] = event["value"]
            self.events.append({**event, "timestamp": time.time()})
        return events

    def _mask(self) -> None:
        for name, value in self.slots.items():
            if name.startswith("views_") and value is not None:
                self.slots[name] = MASKED

    def _form_turn(self, said: Said, candidate: Optional[dict[str, Any]] = None) -> None:
        """The form's run: validation on Rasa's temporary tracker, then ask or finish."""
        extra = [_slot("requested_slot", self.slots.get("requested_slot")),
                 {"event": "action", "timestamp": time.time(), "name": FORM}]
        if candidate is not None:
            extra.append(candidate)  # Rasa appends what it extracted, to be validated
        events = self._run(ValidateViewsForm(), said, extra)
        requested = [e["value"] for e in events if e.get("event") == "slot" and e["name"] == "requested_slot"]
        if requested:
            next_slot = requested[0]  # Rasa takes the first requested_slot the validation set
        else:
            required = domain_dict()["forms"][FORM]["required_slots"]
            next_slot = next((s for s in required if self.slots.get(s) is None), None)
        if next_slot:
            self.slots["requested_slot"] = next_slot
            self.events.append(_slot("requested_slot", next_slot))
            self._run(ASK_ACTIONS[next_slot], said)
        else:
            self.slots["requested_slot"] = None
            self.events.append(_slot("requested_slot", None))
            self.active = False
            self._run(ActionViewsFinish(), said)
            self.finished_with = said

    # -- what a young person does ----------------------------------------------------------------

    def start(self) -> Said:
        """"Write down my views", then "yes": the privacy notice, then the first question."""
        said = Said()
        self._run(ActionViewsStart(), said)
        assert said.responses == ["utter_views_intro"]
        self.active = True
        self.latest = {"text": "/affirm", "intent": {"name": "affirm", "confidence": 1.0}, "entities": []}
        self.events.append({"event": "user", "timestamp": time.time(), "text": "/affirm", "parse_data": self.latest})
        self.events.append({"event": "action", "timestamp": time.time(), "name": "action_extract_slots"})
        self._form_turn(said)
        self._mask()
        return said

    def say(self, text: str, intent: str = "nlu_fallback", confidence: float = 0.9,
            entities: Optional[list[dict[str, Any]]] = None, safety: Optional[list[dict[str, Any]]] = None,
            guard_reply: Optional[str] = None) -> Said:
        """One message while the form is active. `guard_reply`: the guard policy answered first
        (a crisis, another nation...), so Rasa runs the form without validating the message."""
        assert self.active, "the form is not active"
        self.latest = {"text": text, "intent": {"name": intent, "confidence": confidence},
                       "entities": entities or [], "safety": safety or [], "personal_details": []}
        self.events.append({"event": "user", "timestamp": time.time(), "text": text, "parse_data": self.latest})
        self.events.append({"event": "action", "timestamp": time.time(), "name": "action_extract_slots"})
        requested = self.slots["requested_slot"]
        candidate = None
        if requested:  # from_text: the message fills the slot being asked for
            candidate = _slot(requested, text)
            self.slots[requested] = text
            self.events.append(candidate)
        said = Said()
        if guard_reply:
            self.events.append({"event": "action", "timestamp": time.time(), "name": guard_reply})
            self.events.append({"event": "bot", "timestamp": time.time(), "text": "(guard reply)"})
            said.append({"response": guard_reply})
            candidate = None
        self._form_turn(said, candidate)
        self._mask()
        return said

    def press(self, intent: str, **entities: str) -> Said:
        """A button: "/intent" with optional entities, confidence 1."""
        payload = "/" + intent
        if entities:
            import json

            payload += json.dumps(entities)
        return self.say(payload, intent=intent, confidence=1.0,
                        entities=[{"entity": k, "value": v} for k, v in entities.items()])

    @property
    def asking(self) -> Optional[str]:
        return self.slots.get("requested_slot")
