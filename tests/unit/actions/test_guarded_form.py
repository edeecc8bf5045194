"""The dialogue contract every form keeps (actions/guarded_form.py), with rasa_sdk trackers."""
from __future__ import annotations

import uuid
from typing import Any, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.age_answers import ValidateAgeForm
from actions.case_login import ValidateCaseLoginForm
from actions.guarded_form import GuardedFormValidationAction
from actions.turns import Reply
from tests.support.aio import run_coroutine
from tests.support.trackers import domain_dict, make_tracker, responses, slot_values

DISCLOSURE = [{"category": "disclosure", "id": "hits_me", "nation": None}]


def sender() -> str:
    return f"conv-{uuid.uuid4().hex}"


def run(action: GuardedFormValidationAction, tracker: Tracker) -> tuple[CollectingDispatcher, dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    events = run_coroutine(action.run(dispatcher, tracker, domain_dict()))
    return dispatcher, slot_values(events)


def test_a_crisis_message_is_never_taken_as_a_case_reference(demo_database) -> None:
    text = "CPC-DEMO-0001 he hits me"
    tracker = make_tracker(sender(), text, slots={"requested_slot": "case_reference"},
                           extracted={"case_reference": text}, active_loop="case_login_form",
                           parse_data={"safety": DISCLOSURE})
    dispatcher, slots = run(ValidateCaseLoginForm(), tracker)
    assert slots == {"case_reference": None, "requested_slot": "case_reference"}
    assert responses(dispatcher) == []  # the guard's crisis reply came first; the question comes again


def test_a_crisis_message_that_starts_a_form_fills_nothing() -> None:
    tracker = make_tracker(sender(), "im 13 and he hits me", intent="i_am_young_person",
                           slots={"audience": "young_person", "is_young_person": True},
                           extracted={"age_answer": "im 13 and he hits me"}, active_loop="age_form",
                           parse_data={"safety": DISCLOSURE})
    _, slots = run(ValidateAgeForm(), tracker)
    assert slots["age_answer"] is None and "age" not in slots  # Rasa then asks the age question
    assert slots.get("requested_slot") in (None, "age_answer")


class ThreeQuestions(GuardedFormValidationAction):
    """A form with nothing of its own, to show what the contract does by default."""

    order = ("first", "second", "third")

    def name(self) -> str:
        return "validate_three_questions"

    def change_target(self, slot: str, reply: Reply) -> Optional[str]:
        return reply.entity("question")


def control(slot: str, intent: str, entities: Optional[list[dict[str, Any]]] = None) -> Optional[dict[str, Any]]:
    reply = Reply(text=f"/{intent}", intent=intent, confidence=1.0, entities=tuple(entities or ()),
                  is_payload=True, crisis=False)
    tracker = make_tracker(sender(), reply.text, intent=intent)
    return ThreeQuestions().control_values(slot, reply, CollectingDispatcher(), tracker)


def test_go_back_steps_back_along_the_order() -> None:
    assert control("third", "go_back") == {"third": None, "second": None}
    assert control("first", "go_back") == {"first": None}


def test_change_goes_to_the_named_question_or_else_back_one() -> None:
    assert control("third", "change_answer", [{"entity": "question", "value": "first"}]) == {
        "third": None, "first": None}
    assert control("third", "change_answer") == {"third": None, "second": None}


def test_stop_and_skip_ask_nothing_more_of_this_question_by_default() -> None:
    assert control("second", "stop") == {"second": None}
    assert control("second", "skip") == {"second": None}


def test_an_answer_is_not_a_control() -> None:
    assert control("second", "inform") is None
