"""The NLG server renders the right variation, fills placeholders and adds its extras."""
from __future__ import annotations

from bot.nlg.render import render


def tracker(**slots) -> dict:
    return {"slots": slots, "latest_message": {"text": "x", "intent": {}}, "events": [{"event": "user"}]}


def test_profile_values_fill_placeholders_with_units() -> None:
    text = render("utter_reports", tracker())["text"]
    assert "2 working days" in text and "3 working days" in text
    assert "{" not in text


def test_young_person_variation_and_topic_buttons() -> None:
    parent = render("utter_child_attend", tracker())
    young = render("utter_child_attend", tracker(audience="young_person"))
    assert parent["text"] != young["text"]
    assert {"/tell_me_more", "/menu"} <= {button["payload"] for button in parent["buttons"]}
    assert "Where this comes from:" in parent["text"]


def test_personal_details_reminder_comes_first_once_per_turn() -> None:
    state = tracker()
    state["latest_message"]["personal_details"] = ["phone"]
    assert render("utter_supporter", state)["text"].startswith("Please do not share personal details")
    state["events"].append({"event": "bot"})
    assert not render("utter_supporter", state)["text"].startswith("Please do not share")


def test_access_code_prompt_asks_for_a_masked_field() -> None:
    assert render("utter_ask_access_code", tracker())["custom"]["input"] == "secret"


def test_dates_are_formatted_for_the_locale() -> None:
    reply = render("utter_my_conference_when", tracker(),
                   {"conference_type": "Review Child Protection Conference", "conference_date": "2027-03-31",
                    "conference_time": "14:00"})
    assert "Wednesday, 31 March 2027" in reply["text"] and "14:00" in reply["text"]


def test_unknown_response_is_an_empty_message_not_a_crash() -> None:
    assert render("utter_does_not_exist", tracker()) == {"text": "", "buttons": []}
