"""Personal details and access codes never reach the tracker store."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
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


def _stored_rows(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        return "\n".join(row[0] for row in connection.execute("SELECT data FROM events"))


def test_tracker_store_writes_masked_events_only(tmp_path: Path) -> None:
    db = tmp_path / "conversations.db"
    store = MaskingSQLTrackerStore(Domain.empty(), host=f"sqlite:///{db}")
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
