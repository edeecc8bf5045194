"""Rasa's SQL tracker store, with personal details masked before anything is written.

Rasa keeps the unmasked message in memory for the turn in progress, so the NLU and the
actions still see what the user typed (the access code must reach the verification
action). What reaches the database is masked: personal details everywhere, and the whole
message when it answered the access-code question.
"""
from __future__ import annotations

from typing import Any, Iterator, Optional

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine.url import make_url

from bot.privacy.personal_details import mask_text

#: Slots whose values are secrets and are never stored.
SECRET_SLOTS = frozenset({"access_code"})
SECRET_ANSWER = "[access code removed]"


def _mask_strings(value: Any) -> Any:
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, list):
        return [_mask_strings(item) for item in value]
    if isinstance(value, dict):
        return {key: _mask_strings(item) for key, item in value.items()}
    return value


def mask_event_dict(data: dict[str, Any], answers_secret: bool) -> dict[str, Any]:
    """A copy of one serialised event that is safe to store."""
    event = dict(data)
    kind = event.get("event")
    if kind == "user":
        if answers_secret:
            event["text"] = SECRET_ANSWER
            event["parse_data"] = {**event.get("parse_data", {}), "text": SECRET_ANSWER, "entities": []}
            event["parse_data"].pop("response_selector", None)
        return _mask_strings(event)
    if kind == "slot" and event.get("name") in SECRET_SLOTS and event.get("value") is not None:
        event["value"] = "[removed]"
        return event
    if kind in {"slot", "bot"}:
        return _mask_strings(event)
    return event


def masked_events(events: list[Event], start: int) -> Iterator[Event]:
    """Masked copies of `events[start:]`, knowing which answers replied to the code question."""
    requested_slot: Optional[str] = None
    for index, event in enumerate(events):
        data = event.as_dict()
        if index >= start:
            yield Event.from_parameters(mask_event_dict(data, requested_slot in SECRET_SLOTS))
        if data.get("event") == "slot" and data.get("name") == "requested_slot":
            requested_slot = data.get("value")


class MaskingSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore configured by one URL, storing only masked events."""

    def __init__(
        self,
        domain: Optional[Domain] = None,
        url: str = "sqlite:///var/conversations.db",
        event_broker: Optional[EventBroker] = None,
        **kwargs: Any,
    ) -> None:
        parsed = make_url(url)
        super().__init__(
            domain=domain,
            dialect=parsed.drivername,
            host=parsed.host,
            port=parsed.port,
            db=parsed.database,
            username=parsed.username,
            password=parsed.password,
            event_broker=event_broker,
            query=dict(parsed.query),
            **kwargs,
        )

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        stored = self._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False).count()
        return masked_events(list(tracker.events), stored)
