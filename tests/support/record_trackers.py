"""Record real Rasa conversations through the "My views" helper, for tests that pin the form driver.

    python -m tests.support.record_trackers      # needs a trained model; starts every service

Each script below is typed into the real assistant over its REST channel; the stored events
(already masked by the tracker store) are written to tests/data/trackers/<name>.json.
tests/unit/my_views/test_recorded_trackers.py replays the same messages through FormDriver
and checks it says what real Rasa said, turn by turn. Record again after changing the form's
dialogue, and look at the difference before committing it.
"""
from __future__ import annotations

import json
import os
import tempfile
import uuid
from pathlib import Path

from tests.support.test_data import TRACKERS_DIR

GOING_WELL = "I like my new school and my nan visits every weekend"
WORRIES = "I worry that I will have to move again"
WISHES = "I would like to see my dad more"
#: name -> the messages typed after "/i_am_young_person", "/start_my_views", "/affirm".
SCRIPTS: dict[str, list[str]] = {
    "views_skip_back_change": [GOING_WELL, "/skip", "/go_back", WORRIES, WISHES,
                               '/choose_share{"share_how": "chair_reads"}', "/deny", "Jordan",
                               '/change_answer{"views_part": "wishes"}', "I want to stay at my school",
                               "/affirm"],
    "views_disclosure_and_stop": [GOING_WELL, "my stepdad hits me when mum is at work", WORRIES,
                                  "the second one", "yes", "no", "/stop"],
}
START = ["/i_am_young_person", "/start_my_views", "/affirm"]


def record() -> list[Path]:
    """Run every script against a freshly started assistant; return the files written."""
    var = Path(tempfile.mkdtemp(prefix="cpc-record-"))
    os.environ["CPC_VAR_DIR"] = str(var)
    os.environ["DATABASE_URL"] = f"sqlite:///{var / 'cases.db'}"
    os.environ["TRACKER_DB_URL"] = f"sqlite:///{var / 'conversations.db'}"
    from bot.ops.services import build_supervisor
    from bot.settings import load_settings
    from tests.support.stack import TEST_PORTS, Stack, model_for_tests, prepare_case_database

    os.environ.update(TEST_PORTS)
    supervisor, settings = build_supervisor(load_settings(), model_for_tests(), var)
    prepare_case_database(supervisor.env)
    written = []
    try:
        supervisor.start_all()
        stack = Stack(settings, supervisor)
        TRACKERS_DIR.mkdir(parents=True, exist_ok=True)
        for name, messages in SCRIPTS.items():
            sender = f"recorded-{uuid.uuid4().hex}"
            for text in START + messages:
                stack.talk(sender, text)
            path = TRACKERS_DIR / f"{name}.json"
            events = [{k: v for k, v in event.items() if k != "timestamp"} for event in stack.tracker_events(sender)]
            # What was typed, too: the tracker store masks the answers to the helper's questions.
            recording = {"typed": START + messages, "events": events}
            path.write_text(json.dumps(recording, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            written.append(path)
    finally:
        supervisor.stop_all()
    return written


if __name__ == "__main__":
    for path in record():
        print(f"wrote {path}")
