"""FormDriver against real Rasa: conversations recorded from the running assistant
(tests/support/record_trackers.py) are replayed through the driver, which must say what Rasa
said, turn by turn. If Rasa's form handling and the driver's picture of it part, this fails."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import pytest

from bot.safety.replies import GUARD_RESPONSES
from tests.support.record_trackers import START, TRACKERS_DIR

from .driver import FORM, FormDriver

RECORDINGS = sorted(TRACKERS_DIR.glob("*.json"))


def turns(events: list[dict[str, Any]]) -> list[tuple[dict[str, Any], list[str], Optional[str], bool]]:
    """Per user message: its event, the responses that followed, the guard reply, and whether the form ran."""
    found: list[tuple[dict[str, Any], list[str], Optional[str], bool]] = []
    for event in events:
        if event["event"] == "user":
            found.append((event, [], None, False))
        elif found and event["event"] == "bot":
            found[-1][1].append(event["metadata"]["utter_action"])
        elif found and event["event"] == "action" and event["name"] != "action_listen":
            user, said, guard, form_ran = found[-1]
            guard = guard or (event["name"] if event["name"] in GUARD_RESPONSES and not said else None)
            found[-1] = (user, said, guard, form_ran or event["name"] == FORM)
    return found


def payload_entities(typed: str) -> list[dict[str, Any]]:
    """The entities of a button payload ('/choose_share{"share_how": "chair_reads"}').

    The tracker store drops them with the rest of an answer to the helper's questions.
    """
    if not typed.startswith("/") or "{" not in typed:
        return []
    return [{"entity": name, "value": value} for name, value in json.loads(typed[typed.index("{"):]).items()]


def test_there_are_recordings() -> None:
    assert len(RECORDINGS) >= 2


@pytest.mark.parametrize("path", RECORDINGS, ids=lambda p: p.stem)
def test_the_driver_says_what_real_rasa_said(path: Path, demo_database) -> None:
    recording = json.loads(path.read_text(encoding="utf-8"))
    recorded = turns(recording["events"])
    assert [user["text"] for user, *_ in recorded[:len(START)]] == START
    driver = FormDriver(f"replay-{path.stem}")
    started = [response for _, said, _, _ in recorded[1:len(START)] for response in said]
    assert driver.start().responses == started == ["utter_views_intro", "utter_ask_views_going_well"]
    replayed = 0
    for typed, (user, said, guard, form_ran) in zip(recording["typed"][len(START):], recorded[len(START):],
                                                     strict=True):
        if not driver.active or not form_ran:
            break  # the helper has ended: the rest is ordinary dialogue, not the form's
        parse = user["parse_data"]
        turn = driver.say(typed, intent=parse["intent"]["name"], confidence=parse["intent"]["confidence"],
                          entities=parse.get("entities") or payload_entities(typed),
                          safety=parse.get("safety") or [], guard_reply=guard)
        assert turn.responses == said, f"after {typed!r}"
        replayed += 1
    assert replayed >= 5
