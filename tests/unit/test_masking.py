"""Personal details and access codes never reach the tracker store."""
from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy.personal_details import find_personal_details, mask_text
from bot.rasa_plugins.tracker_store import MaskingSQLTrackerStore
from tests.support.aio import run_coroutine

TYPED = "my number is 07700 900123, email jo.bloggs@example.com, born 03/04/1989, code MAPLE-3141"


def test_finds_each_kind_of_personal_detail() -> None:
    assert set(find_personal_details(TYPED)) >= {"phone", "email", "date_of_birth", "access_code"}
    assert find_personal_details("my name is Jo Bloggs and I live at 12 Acacia Avenue, AB1 2CD") == [
        "postcode", "address", "full_name"]
    assert find_personal_details("can i bring a friend to the conference on 14 january") == []


def test_masking_keeps_the_question_and_removes_the_details() -> None:
    masked = mask_text(TYPED)
    for secret in ("07700", "900123", "jo.bloggs", "1989", "MAPLE-3141"):
        assert secret not in masked
    assert masked.startswith("my number is")
    assert mask_text("reference CPC-DEMO-0001 please") == "reference CPC-DEMO-0001 please"


def _store(tmp_path: Path) -> tuple[MaskingSQLTrackerStore, Path]:
    db = tmp_path / "conversations.db"
    return MaskingSQLTrackerStore(Domain.empty(), host=f"sqlite:///{db}"), db


def _said(text: str, intent: str) -> UserUttered:
    return UserUttered(text, parse_data={"text": text, "intent": {"name": intent}})


def _count_events(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT count(*) FROM events").fetchone()[0]


def _stored_rows(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        return "\n".join(row[0] for row in connection.execute("SELECT data FROM events"))


def test_tracker_store_writes_masked_events_only(tmp_path: Path) -> None:
    store, db = _store(tmp_path)
    tracker = DialogueStateTracker("sender-1", slots=[])
    tracker.update(UserUttered(TYPED, {"name": "ask_reports", "confidence": 0.9},
                               parse_data={"text": TYPED, "intent": {"name": "ask_reports"}}))
    tracker.update(SlotSet("requested_slot", "access_code"))
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("cedar 2718", parse_data={"text": "cedar 2718"}))
    tracker.update(SlotSet("access_code", "cedar 2718"))
    run_coroutine(store.save(tracker))
    stored = _stored_rows(db)
    for secret in ("07700", "jo.bloggs", "1989", "MAPLE-3141", "cedar", "2718"):
        assert secret not in stored
    assert "[access code removed]" in stored
    assert "[email removed]" in stored


def test_tracker_store_adds_each_turn_once_in_order_and_reads_it_back(tmp_path: Path) -> None:
    store, db = _store(tmp_path)
    tracker = DialogueStateTracker("sender-2", slots=[])
    tracker.update(_said("can i bring a friend", "ask_supporter"))
    tracker.update(ActionExecuted("utter_supporter"))
    run_coroutine(store.save(tracker))
    run_coroutine(store.save(tracker))             # saving again with nothing new adds nothing
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(_said("thanks", "thanks"))
    run_coroutine(store.save(tracker))

    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT type_name, intent_name, action_name FROM events ORDER BY id").fetchall()
        journal = connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert rows == [("user", "ask_supporter", None), ("action", None, "utter_supporter"),
                    ("action", None, "action_listen"), ("user", "thanks", None)]
    assert journal == "wal"
    read_back = run_coroutine(store.retrieve("sender-2"))
    assert read_back is not None
    assert [event.as_dict()["event"] for event in read_back.events] == ["user", "action", "action", "user"]
    assert read_back.latest_message.text == "thanks"


def test_a_tracker_read_back_and_extended_stores_only_its_new_events(tmp_path: Path) -> None:
    store, db = _store(tmp_path)
    first = DialogueStateTracker("sender-3", slots=[])
    first.update(_said("hello", "greet"))
    run_coroutine(store.save(first))
    for turn in ("what is a core group", "thanks"):
        tracker = run_coroutine(store.retrieve("sender-3"))
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(_said(turn, "x"))
        run_coroutine(store.save(tracker))
    with sqlite3.connect(db) as connection:
        texts = [row[0] for row in connection.execute(
            "SELECT json_extract(data, '$.text') FROM events WHERE type_name = 'user' ORDER BY id")]
    assert texts == ["hello", "what is a core group", "thanks"]
    assert len(run_coroutine(store.retrieve("sender-3")).events) == 5


@pytest.mark.parametrize("all_sessions", [False, True])
def test_reads_the_events_rasa_reads_for_the_latest_or_every_session(tmp_path: Path, all_sessions: bool) -> None:
    store, _ = _store(tmp_path)
    tracker = DialogueStateTracker("sender-5", slots=[])
    started = time.time()
    for session, question in enumerate(("hello", "what is a core group")):
        at = started + 10 * session
        tracker.update(ActionExecuted("action_session_start", timestamp=at))
        tracker.update(SessionStarted(timestamp=at))
        tracker.update(UserUttered(question, parse_data={"text": question, "intent": {"name": "x"}}, timestamp=at + 1))
        run_coroutine(store.save(tracker))
    ours = run_coroutine(store._retrieve("sender-5", all_sessions))
    rasas = run_coroutine(SQLTrackerStore._retrieve(store, "sender-5", all_sessions))
    assert [event.as_dict() for event in ours.events] == [event.as_dict() for event in rasas.events]
    assert len(ours.events) == (6 if all_sessions else 3)


def test_a_save_that_timed_out_but_finished_is_not_written_twice(tmp_path: Path) -> None:
    store, db = _store(tmp_path)
    tracker = DialogueStateTracker("sender-4", slots=[])
    tracker.update(_said("hello", "greet"))
    run_coroutine(store.save(tracker))
    tracker.update(ActionExecuted("utter_greet"))
    store._wait_seconds = 0.000001                 # the turn gives up at once; the write goes on in its thread
    with pytest.raises(asyncio.TimeoutError):
        run_coroutine(store.save(tracker))
    time.sleep(1.0)
    store._wait_seconds = 5.0
    run_coroutine(store.save(tracker))
    assert _count_events(db) == 2


def _end_server_connections(url: str) -> None:
    """End every server connection to the database, as a restart does (the pool does not know)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(make_url(url).set(database="postgres"), future=True)
    with admin.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                "WHERE datname = :name AND pid <> pg_backend_pid()"),
                           {"name": make_url(url).database})
    admin.dispose()


def test_a_dead_pooled_connection_is_replaced_and_nothing_is_lost_or_doubled(db_url: str) -> None:
    """A pooled connection whose server side has gone (PostgreSQL restarted) is found before use
    and replaced: the next read and write go through, each event stored once."""
    store = MaskingSQLTrackerStore(Domain.empty(), host=db_url)
    tracker = DialogueStateTracker("sender-pg", slots=[])
    tracker.update(_said("can i bring a friend", "ask_supporter"))
    run_coroutine(store.save(tracker))
    if db_url.startswith("postgresql"):
        _end_server_connections(db_url)
    read_back = run_coroutine(store.retrieve("sender-pg"))
    assert read_back is not None and read_back.latest_message.text == "can i bring a friend"
    read_back.update(_said("thanks", "thanks"))
    if db_url.startswith("postgresql"):
        _end_server_connections(db_url)
    run_coroutine(store.save(read_back))
    stored = run_coroutine(store.retrieve("sender-pg"))
    assert stored is not None
    assert [event.text for event in stored.events if isinstance(event, UserUttered)] == ["can i bring a friend",
                                                                                          "thanks"]
