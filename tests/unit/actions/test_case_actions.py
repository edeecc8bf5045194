"""Case look-up actions with rasa_sdk trackers against a real demo database."""
from __future__ import annotations

import uuid

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.case_answers import ActionAnswerCaseQuestion, ActionForgetMe
from actions.case_login import ValidateCaseLoginForm
from actions.parsing import split_reference_and_code
from tests.support.aio import run_coroutine
from tests.support.trackers import domain_dict, make_tracker, message, responses, slot_values

FORM = "case_login_form"


def run(action, tracker) -> tuple[CollectingDispatcher, list[dict]]:
    dispatcher = CollectingDispatcher()
    events = run_coroutine(action.run(dispatcher, tracker, domain_dict()))
    return dispatcher, events


def log_in(sender: str, reference: str, code: str) -> tuple[CollectingDispatcher, dict]:
    """The two form steps: reference, then code."""
    validate = ValidateCaseLoginForm()
    _, events = run(validate, make_tracker(sender, reference, extracted={"case_reference": reference},
                                           slots={"requested_slot": "case_reference"}, active_loop=FORM))
    slots = slot_values(events)
    dispatcher, events = run(validate, make_tracker(sender, code, slots={**slots, "requested_slot": "access_code"},
                                                    extracted={"access_code": code}, active_loop=FORM))
    return dispatcher, slot_values(events)


def answer(sender: str, question: str) -> CollectingDispatcher:
    tracker = make_tracker(sender, "x", slots={"pending_question": question})
    dispatcher, events = run(ActionAnswerCaseQuestion(), tracker)
    assert events, "every action returns at least one event"
    return dispatcher


def sender() -> str:
    return f"conv-{uuid.uuid4().hex}"


def test_reference_and_code_can_come_in_one_message() -> None:
    assert split_reference_and_code("CPC-DEMO-0001 MAPLE-3141") == ("CPC-DEMO-0001", "MAPLE-3141")
    assert split_reference_and_code("my ref is cpc-demo-0002") == ("cpc-demo-0002", None)
    assert split_reference_and_code("i dont know") == (None, None)


def test_alex_logs_in_and_hears_date_time_place_and_contact(demo_database) -> None:
    me = sender()
    dispatcher, slots = log_in(me, "CPC-DEMO-0001", "maple-3141")
    assert slots["access_code"] == "verified" and "MAPLE" not in str(slots)
    said = answer(me, "conference")
    when = message(said, "utter_my_conference_when")
    assert (when["conference_date"], when["conference_time"]) == ("2027-01-14", "10:00")
    assert message(said, "utter_my_conference_venue")["venue"] == "Meeting Room 3, Demo Civic Centre"
    assert "utter_my_conference_contact" in responses(said)


def test_excluded_parent_sees_the_date_only(demo_database) -> None:
    me = sender()
    log_in(me, "CPC-DEMO-0001", "CEDAR-2718")
    said = answer(me, "conference")
    assert message(said, "utter_my_conference_excluded")["conference_date"] == "2027-01-14"
    where_and_when = {"utter_my_conference_when", "utter_my_conference_venue", "utter_my_conference_online"}
    assert not where_and_when & set(responses(said))
    assert "utter_my_conference_excluded_after" in responses(said)


def test_reports_on_time_late_and_not_yet_shared(demo_database) -> None:
    me = sender()
    log_in(me, "CPC-DEMO-0001", "MAPLE-3141")
    said = answer(me, "reports")
    by_agency = {m["agency"]: m for m in said.messages if "agency" in m}
    assert by_agency["School"]["response"] == "utter_my_report_late"
    assert by_agency["School"]["due_date"] == "2027-01-12"
    assert by_agency["Police"]["response"] == "utter_my_report_on_time"
    assert by_agency["Health visitor"]["response"] == "utter_my_report_not_shared"
    assert "utter_my_reports_late_help" in responses(said)


def test_review_report_due_date_skips_easter(demo_database) -> None:
    me = sender()
    log_in(me, "CPC-DEMO-0002", "ASPEN-1414")
    said = answer(me, "reports")
    assert message(said, "utter_my_report_not_shared")["due_date"] == "2027-03-24"


def test_key_dates_from_the_users_own_conference(demo_database) -> None:
    me = sender()
    log_in(me, "CPC-DEMO-0003", "ROWAN-2024")
    dates = message(answer(me, "dates"), "utter_my_dates_initial")
    assert dates["core_group_date"] == "2027-02-23"
    assert dates["first_review_date"] == "2027-05-09"


@pytest.mark.parametrize(("reference", "code"), [("CPC-DEMO-0001", "WRONG-0000"), ("CPC-NOPE-9999", "MAPLE-3141")])
def test_wrong_code_and_unknown_reference_get_the_same_reply(demo_database, reference: str, code: str) -> None:
    dispatcher, slots = log_in(sender(), reference, code)
    assert responses(dispatcher) == ["utter_case_login_failed"]
    assert slots == {"case_reference": None, "access_code": None}


def test_five_failures_lock_the_reference(demo_database) -> None:
    outcomes = [responses(log_in(sender(), "CPC-DEMO-0003", f"WRONG-000{n}")[0]) for n in range(6)]
    assert outcomes[:4] == [["utter_case_login_failed"]] * 4
    assert outcomes[4] == outcomes[5] == ["utter_case_locked"]
    _, slots = log_in(sender(), "CPC-DEMO-0003", "ROWAN-2024")
    assert slots["case_login_result"] == "locked"  # even the right code waits out the lock


def test_not_verified_means_nothing_is_told(demo_database) -> None:
    said = answer(sender(), "conference")
    assert responses(said) == []


def test_forget_me_ends_the_verification(demo_database) -> None:
    me = sender()
    log_in(me, "CPC-DEMO-0001", "MAPLE-3141")
    dispatcher, _ = run(ActionForgetMe(), make_tracker(me, "forget me", intent="forget_me"))
    assert responses(dispatcher) == ["utter_forgotten"]
    assert responses(answer(me, "conference")) == []
    dispatcher, _ = run(ActionForgetMe(), make_tracker(me, "forget me", intent="forget_me"))
    assert responses(dispatcher) == ["utter_not_logged_in"]
