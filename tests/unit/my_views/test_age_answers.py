"""Age-aware answers: the age is asked once, only when it matters, and can be declined."""
from __future__ import annotations

import asyncio
import uuid
from typing import Any, Optional

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.age_answers import ActionAnswerByAge, ValidateAgeForm
from actions.my_views_common import child_attend_age
from actions.parsing import parse_age
from bot.nlg.render import render
from tests.support.trackers import domain_dict, make_tracker, responses, slot_values

YOUNG = {"audience": "young_person", "is_young_person": True}


def run(action, tracker) -> tuple[CollectingDispatcher, list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain_dict()))
    assert events, "every action returns at least one event"
    return dispatcher, events


def answer_age(text: str, intent: str = "nlu_fallback", entities: Optional[list] = None,
               safety: Optional[list] = None) -> dict[str, Any]:
    tracker = make_tracker(f"conv-{uuid.uuid4().hex}", text, intent=intent, active_loop="age_form",
                           slots={**YOUNG, "requested_slot": "age_answer"}, extracted={"age_answer": text},
                           parse_data={"entities": entities or [], "safety": safety or []})
    _, events = run(ValidateAgeForm(), tracker)
    return slot_values(events)


def answer(slots: dict[str, Any]) -> list[str]:
    dispatcher, _ = run(ActionAnswerByAge(), make_tracker("conv-x", "x", slots=slots))
    return responses(dispatcher)


def test_threshold_comes_from_the_council_profile() -> None:
    assert child_attend_age() == 12


@pytest.mark.parametrize(("text", "age"), [("13", 13), ("im 13", 13), ("i'm nine", 9), ("15 years old", 15),
                                           ("12yrs", 12), ("i dont want to say", None), ("3", None),
                                           ("my brother is 8 and im 14", 8)])
def test_parse_age(text: str, age: Optional[int]) -> None:
    assert parse_age(text) == age


def test_the_age_entity_is_used_first() -> None:
    assert parse_age("im fourteen", entity="14") == 14


def test_age_given_is_stored_and_ends_the_form() -> None:
    slots = answer_age("im 13", intent="i_am_young_person", entities=[{"entity": "age", "value": "13"}])
    assert slots["age_answer"] == "given" and slots["age"] == 13.0
    assert slots["requested_slot"] is None


@pytest.mark.parametrize(("text", "intent"), [("/deny", "deny"), ("rather not say", "skip"), ("why", "nlu_fallback")])
def test_age_can_be_declined(text: str, intent: str) -> None:
    slots = answer_age(text, intent=intent)
    assert slots["age_answer"] == "declined" and "age" not in slots
    assert slots.get("requested_slot") is None  # every required slot is filled: the form ends


def test_a_crisis_message_is_not_an_answer_and_the_question_comes_again() -> None:
    slots = answer_age("he hits me im 13", safety=[{"category": "disclosure", "id": "x", "nation": None}])
    assert slots == {"age_answer": None, "requested_slot": "age_answer"}


def test_age_is_not_asked_when_known_or_for_a_parent() -> None:
    form = ValidateAgeForm()
    for slots in ({**YOUNG, "age": 15.0}, {"audience": "parent", "is_young_person": False}, {}):
        required = asyncio.run(form.required_slots(["age_answer"], CollectingDispatcher(),
                                                   make_tracker("c", "x", slots=slots), domain_dict()))
        assert required == []
    required = asyncio.run(form.required_slots(["age_answer"], CollectingDispatcher(),
                                               make_tracker("c", "x", slots=YOUNG), domain_dict()))
    assert required == ["age_answer"]


@pytest.mark.parametrize(("age", "expected"), [(9.0, "utter_attend_under_age"), (11.0, "utter_attend_under_age"),
                                               (12.0, "utter_attend_over_age"), (16.0, "utter_attend_over_age"),
                                               (None, "utter_attend_any_age")])
def test_answer_for_their_age(age: Optional[float], expected: str) -> None:
    assert answer({**YOUNG, "age": age}) == [expected]


def test_parent_gets_the_general_answer() -> None:
    assert answer({"audience": "parent", "is_young_person": False}) == ["utter_have_to_go"]


def _tracker_state(**slots: Any) -> dict[str, Any]:
    return {"slots": slots, "latest_message": {"text": "x", "parse_data": {}}, "events": [{"event": "user"}]}


def test_both_age_answers_name_the_profile_age_and_differ() -> None:
    under = render("utter_attend_under_age", _tracker_state(audience="young_person"))["text"]
    over = render("utter_attend_over_age", _tracker_state(audience="young_person"))["text"]
    assert "under 12" in under and "12 or older" in over and under != over
    assert "do not have to" in under and "your choice" in over.lower()
    assert "/start_my_views" in {b["payload"] for b in render("utter_attend_over_age", _tracker_state())["buttons"]}
