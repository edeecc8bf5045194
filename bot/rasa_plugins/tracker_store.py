"""Rasa's SQL tracker store, with personal details masked before anything is written.

Rasa keeps the unmasked message in memory for the turn in progress, so the NLU and the
actions still see what the user typed (the access code must reach the verification
action). What reaches the database is masked: personal details everywhere, and the whole
message when it answered the access-code question.
"""
from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from typing import Any, Optional, TypeVar

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.engine import Engine
from sqlalchemy.engine.url import make_url
from sqlalchemy.orm import sessionmaker

from bot.privacy.personal_details import mask_text
from bot.settings import load_settings
from bot.storage.engine import make_engine

T = TypeVar("T")

#: Slots whose values are never stored: the access code (a secret), and a young person's own
#: words for their views (kept only in their draft, which is deleted within 24 hours).
SECRET_SLOTS = frozenset({"access_code"})
PRIVATE_SLOT_PREFIX = "views_"
REMOVED_ANSWER = {"access_code": "[access code removed]"}
PRIVATE_ANSWER = "[answer kept only in the young person's draft]"


def is_private_slot(name: object) -> bool:
    return isinstance(name, str) and (name in SECRET_SLOTS or name.startswith(PRIVATE_SLOT_PREFIX))


def _mask_strings(value: Any) -> Any:
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, list):
        return [_mask_strings(item) for item in value]
    if isinstance(value, dict):
        return {key: _mask_strings(item) for key, item in value.items()}
    return value


def mask_event_dict(data: dict[str, Any], answered_slot: Optional[str]) -> dict[str, Any]:
    """A copy of one serialised event that is safe to store.

    `answered_slot` is the slot the form was asking for when a user message came in.
    """
    event = dict(data)
    kind = event.get("event")
    if kind == "user":
        if is_private_slot(answered_slot):
            replacement = REMOVED_ANSWER.get(str(answered_slot), PRIVATE_ANSWER)
            event["text"] = replacement
            event["parse_data"] = {**event.get("parse_data", {}), "text": replacement, "entities": []}
            event["parse_data"].pop("response_selector", None)
        return _mask_strings(event)
    if kind == "slot" and is_private_slot(event.get("name")) and event.get("value") is not None:
        event["value"] = "[removed]"
        return event
    if kind == "bot" and any(is_private_slot(key) for key in event.get("metadata") or {}):
        return _without_private_words(event)
    if kind in {"slot", "bot"}:
        return _mask_strings(event)
    return event


def _without_private_words(event: dict[str, Any]) -> dict[str, Any]:
    """A bot message that quoted a young person's own words (a read-back): keep only that it was sent."""
    metadata = {key: value for key, value in event["metadata"].items() if not is_private_slot(key)}
    data = dict(event.get("data") or {})
    if isinstance(data.get("custom"), dict):
        data["custom"] = {key: value for key, value in data["custom"].items() if key != "english"}
    return {**event, "text": PRIVATE_ANSWER, "metadata": metadata, "data": data}


def masked_event_dicts(events: list[Event], start: int) -> Iterator[dict[str, Any]]:
    """Masked, serialised copies of `events[start:]`, knowing which answers replied to the code question."""
    requested_slot: Optional[str] = None
    for index, event in enumerate(events):
        if index >= start:
            yield mask_event_dict(event.as_dict(), requested_slot)
        if isinstance(event, SlotSet) and event.key == "requested_slot":
            requested_slot = event.value


def _event_row(sender_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """One row of Rasa's `events` table, with the columns Rasa's own store fills."""
    return {"sender_id": sender_id, "type_name": data["event"], "timestamp": data.get("timestamp"),
            "intent_name": (data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"), "data": json.dumps(data)}


class MaskingSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore configured by one URL, storing only masked events, every call bounded in time.

    Rasa passes the endpoint's `url` (from endpoints.yml) as `host`. Rasa's own engine waits
    for ever on a stopped server; after Rasa has created its tables, the store switches to
    our engine (bot/storage/engine.py): a deadline on every call, a check of each pooled
    connection before use, so a restarted PostgreSQL is picked up at the next turn.

    Rasa's SQL tracker store talks to the database inside the event loop, so a slow database
    would stall every conversation on this server and the turn's own time limit could not
    fire. Here each read and write runs in a worker thread, bounded in time.
    """

    engine: Engine  # set by SQLTrackerStore, then replaced by ours

    def __init__(
        self,
        domain: Optional[Domain] = None,
        host: str = "sqlite:///var/conversations.db",
        event_broker: Optional[EventBroker] = None,
        **kwargs: Any,
    ) -> None:
        parsed = make_url(host)
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
        self.engine.dispose()
        self.engine = make_engine(host)
        self.sessionmaker = sessionmaker(bind=self.engine)
        self._wait_seconds = load_settings().db_timeout_seconds * 2 + 0.5  # a check, then the call

    async def _in_worker(self, work: Callable[..., T], *args: Any) -> T:
        """Run a blocking database call in a worker thread, giving up after the deadline."""
        return await asyncio.wait_for(asyncio.to_thread(work, *args), self._wait_seconds)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        tracker = await self._in_worker(self._read_tracker, sender_id, fetch_events_from_all_sessions)
        if tracker is not None and not fetch_events_from_all_sessions:
            _remember_stored(tracker, len(tracker.events))
        return tracker

    def _read_tracker(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        """Rasa's own read (the same events, in the same order), fetching only each event's JSON.

        Rasa builds a full ORM object for every stored event, to use one column of it.
        """
        with self.session_scope() as session:
            query = self._event_query(session, sender_id, fetch_events_from_all_sessions)
            events = [json.loads(data) for (data,) in query.with_entities(self.SQLEvent.data)]
        if not self.domain or not events:
            return None
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        try:
            await self._in_worker(self._insert_new_events, tracker)
        except BaseException:
            # a write that timed out may still finish in its thread: ask the database next time
            _remember_stored(tracker, None)
            raise
        _remember_stored(tracker, len(tracker.events))

    def _insert_new_events(self, tracker: DialogueStateTracker) -> None:
        """Store the events not stored yet, masked, in one statement and one transaction."""
        with self.session_scope() as session:
            stored = _stored_count(tracker)
            if stored is None:
                stored = self._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False).count()
            rows = [_event_row(tracker.sender_id, data) for data in masked_event_dicts(list(tracker.events), stored)]
            if rows:
                session.execute(self.SQLEvent.__table__.insert(), rows)
            session.commit()


#: How many of a tracker's events are in the database: set when the tracker is read from it or saved.
#: It saves a count query on every turn. The lock store keeps one conversation's turns to one server
#: at a time, so nobody else adds to the conversation between reading and saving; a tracker built
#: any other way (a new conversation, Rasa's HTTP API) has no count, and the database is asked.
_STORED = "_cpc_events_stored"


def _remember_stored(tracker: DialogueStateTracker, count: Optional[int]) -> None:
    setattr(tracker, _STORED, count)


def _stored_count(tracker: DialogueStateTracker) -> Optional[int]:
    return getattr(tracker, _STORED, None)
