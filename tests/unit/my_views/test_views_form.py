"""The "My views" helper with rasa_sdk trackers: every path, the read-back, sending, deletion."""
from __future__ import annotations

import asyncio
import uuid

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.case_service import case_service
from actions.my_views_common import FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE, draft_store
from actions.my_views_form import ValidateViewsForm
from actions.my_views_session import ActionViewsStop
from actions.parsing import clean_first_name
from bot.cases.admin import CaseAdmin
from bot.my_views import MAX_ANSWER_CHARS
from bot.profile import load_profile
from tests.support.trackers import domain_dict, make_tracker

from .driver import FormDriver

DISCLOSURE = [{"category": "disclosure", "id": "hit_by_adult", "nation": None}]
GOING_WELL = "I like my school and my football club."
WORRIES = "I worry that I will have to change school."
WISHES = "I would like to stay with my nan at weekends."


def plain(text: str) -> str:
    return text.replace(FIRST_STRONG_ISOLATE, "").replace(POP_DIRECTIONAL_ISOLATE, "")


def sender() -> str:
    return f"conv-{uuid.uuid4().hex}"


def draft(driver: FormDriver):
    return draft_store().get(driver.sender)


def fill_to_readback(driver: FormDriver) -> None:
    driver.say(GOING_WELL)
    driver.say(WORRIES)
    driver.say(WISHES)
    driver.press("choose_share", share_how="chair_reads")
    driver.press("deny")
    driver.say("Jordan")
    assert driver.asking == "views_confirmed"


def verify(conversation: str, reference: str, code: str) -> None:
    assert case_service().verify(reference, code, conversation).value == "OK"


def collected(database_url: str) -> list:
    admin = CaseAdmin(database_url, dict(load_profile().timescales))
    try:
        return admin.collect_views("CPC-DEMO-0001")
    finally:
        admin.close()


# -- the questions ------------------------------------------------------------------------------

def test_privacy_notice_comes_before_the_first_question(demo_database) -> None:
    driver = FormDriver(sender())
    said = driver.start()
    assert said.responses == ["utter_views_intro", "utter_ask_views_going_well"]
    assert driver.asking == "views_going_well"
    assert draft(driver) is None  # nothing is kept before they write something


def test_answers_are_saved_in_the_draft_exactly_and_never_in_slots(demo_database) -> None:
    driver = FormDriver(sender(), language="pl")
    driver.start()
    words = "  Lubię moją szkołę,\ni mojego psa 🐶  "
    said = driver.say(words)
    assert said.responses == ["utter_ask_views_worries"]
    assert draft(driver).entry("going_well") == {"text": words.strip()}
    assert draft(driver).language == "pl"
    assert words.strip() not in str(driver.slots) and "Lubię" not in str(driver.slots)
    assert driver.slots["views_going_well"] == "[removed]"  # as the tracker store keeps it


def test_skip_moves_on_and_is_remembered_as_skipped(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    said = driver.press("skip")
    assert said.responses == ["utter_ask_views_worries"]
    assert draft(driver).entry("going_well") == {"skipped": True}


def test_typed_controls_count_only_when_short(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    driver.say("skip", intent="skip", confidence=0.95)
    assert draft(driver).entry("going_well") == {"skipped": True}
    worry = "i want the shouting at home to stop"
    driver.say(worry, intent="stop", confidence=0.9)  # their worry, not a request to stop
    assert draft(driver).entry("worries") == {"text": worry}
    assert driver.asking == "views_wishes"
    driver.say("stop", intent="stop", confidence=0.4)  # unsure: an answer
    assert draft(driver).entry("wishes") == {"text": "stop"}


def test_go_back_shows_what_they_wrote_and_keep_it_keeps_it(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    driver.say(GOING_WELL)
    said = driver.press("go_back")
    assert driver.asking == "views_going_well"
    assert said.responses == ["utter_views_previous_answer", "utter_ask_views_going_well"]
    assert plain(said.message("utter_views_previous_answer")["views_answer"]) == GOING_WELL
    said = driver.press("keep_answer")
    assert said.responses == ["utter_ask_views_worries"]
    assert draft(driver).entry("going_well") == {"text": GOING_WELL}


def test_go_back_then_a_new_answer_replaces_the_old_one(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    driver.say(GOING_WELL)
    driver.say(WORRIES)
    driver.press("go_back")
    assert driver.asking == "views_worries"
    driver.say("Nothing worries me today.")
    assert draft(driver).entry("worries") == {"text": "Nothing worries me today."}
    assert driver.asking == "views_wishes"


def test_go_back_on_the_first_question_stays_there(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    said = driver.press("go_back")
    assert said.responses == ["utter_views_first_question", "utter_ask_views_going_well"]
    assert driver.asking == "views_going_well"


def test_keep_with_nothing_to_keep_asks_again(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    said = driver.press("keep_answer")
    assert said.responses == ["utter_ask_views_going_well"]
    assert draft(driver) is None


def test_share_by_button_or_in_their_own_words(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    for _ in range(3):
        driver.press("skip")
    assert driver.asking == "views_share"
    driver.press("choose_share", share_how="advocate")
    assert draft(driver).entry("share") == {"choice": "advocate"}
    driver.press("go_back")
    said = driver.say("My aunt can tell them for me.", intent="choose_share", confidence=0.8)
    assert draft(driver).entry("share") == {"text": "My aunt can tell them for me."}
    assert said.responses == ["utter_ask_views_chair_only"]


def test_previous_choice_is_shown_translated_not_as_a_key(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    for _ in range(3):
        driver.press("skip")
    driver.press("choose_share", share_how="attend")
    said = driver.press("go_back")
    assert said.message("utter_views_previous_choice")["views_answer"] == "I would like to go to part of the meeting."


def test_chair_only_no_yes_and_words(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    for _ in range(4):
        driver.press("skip")
    assert driver.asking == "views_chair_only"
    said = driver.say("yes", intent="affirm", confidence=0.99)
    assert said.responses == ["utter_views_type_it"]  # no second copy of the question
    assert driver.asking == "views_chair_only"
    driver.say("Please don't tell mum I said this.")
    assert draft(driver).entry("chair_only") == {"text": "Please don't tell mum I said this."}
    driver.press("go_back")
    driver.say("no", intent="deny", confidence=0.99)
    assert draft(driver).entry("chair_only") == {"skipped": True}


@pytest.mark.parametrize(("typed", "name"), [("Jordan", "Jordan"), ("my name is Mary-Jane", "Mary-Jane"),
                                             ("Łucja", "Łucja"), ("im Ali", "Ali"), ("Jo Ann", "Jo Ann")])
def test_first_names(typed: str, name: str) -> None:
    assert clean_first_name(typed) == name


@pytest.mark.parametrize("typed", ["im 13", "I live at 4 High Street", "x" * 31, "", "jordan@example.org"])
def test_not_first_names(typed: str) -> None:
    assert clean_first_name(typed) is None


def test_first_name_is_checked_and_can_be_skipped(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    for _ in range(4):
        driver.press("skip")
    driver.press("deny")
    said = driver.say("my name is Jordan and I live on Oak Road")
    assert said.responses == ["utter_views_name_invalid", "utter_ask_views_first_name"]
    assert driver.asking == "views_first_name"
    driver.press("skip")
    assert draft(driver).entry("first_name") == {"skipped": True}


def test_over_long_answers_are_refused_with_the_limit(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    said = driver.say("a" * (MAX_ANSWER_CHARS + 1))
    assert said.message("utter_views_too_long")["max_chars"] == MAX_ANSWER_CHARS
    assert driver.asking == "views_going_well" and draft(driver) is None


def test_menu_in_the_middle_keeps_them_in_the_helper(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    said = driver.say("menu", intent="menu", confidence=0.98)
    assert said.responses == ["utter_views_still_writing", "utter_ask_views_going_well"]


def test_a_button_from_elsewhere_is_not_saved_as_an_answer(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    said = driver.press("ask_advocate")
    assert said.responses == ["utter_ask_views_going_well"]
    assert draft(driver) is None


# -- safety --------------------------------------------------------------------------------------

def test_disclosure_mid_form_is_not_saved_and_the_same_question_comes_again(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    driver.say(GOING_WELL)
    assert driver.asking == "views_worries"
    said = driver.say("my stepdad hits me when mum is at work", safety=DISCLOSURE,
                      guard_reply="utter_crisis_disclosure")
    assert said.responses == ["utter_crisis_disclosure", "utter_views_not_saved", "utter_ask_views_worries"]
    assert driver.asking == "views_worries"
    assert draft(driver).entry("worries") is None
    assert "stepdad" not in str(draft(driver).answers)
    driver.say(WORRIES)  # they carry on
    assert draft(driver).entry("worries") == {"text": WORRIES}


def test_disclosure_is_caught_on_the_plain_validation_path_too(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    said = driver.say("he hits me", safety=DISCLOSURE)
    assert said.responses == ["utter_views_not_saved", "utter_ask_views_going_well"]
    assert draft(driver) is None


def test_an_answer_after_another_guard_reply_is_still_saved(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    said = driver.say("I moved from Cardiff and I like my new school", guard_reply="utter_jurisdiction_wales",
                      safety=[{"category": "jurisdiction", "id": "wales", "nation": "wales"}])
    assert said.responses == ["utter_jurisdiction_wales", "utter_ask_views_worries"]
    assert draft(driver).entry("going_well") == {"text": "I moved from Cardiff and I like my new school"}


# -- read-back and confirm -------------------------------------------------------------------------

def test_read_back_is_in_their_own_words(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    driver.say(GOING_WELL)
    driver.say(WORRIES)
    driver.say(WISHES)
    driver.press("choose_share", share_how="chair_reads")
    driver.press("deny")
    said = driver.say("Jordan")
    assert said.responses == [
        "utter_views_readback_intro", "utter_views_said_going_well", "utter_views_said_worries",
        "utter_views_said_wishes", "utter_views_said_share", "utter_views_said_chair_only_skipped",
        "utter_views_said_first_name", "utter_ask_views_confirmed"]
    answers = said.answers()
    assert [plain(a) for a in answers] == [GOING_WELL, WORRIES, WISHES,
                                           "I would like the chair to read out what I wrote.", "Jordan"]
    assert answers[0] == FIRST_STRONG_ISOLATE + GOING_WELL + POP_DIRECTIONAL_ISOLATE


def test_read_back_marks_skipped_parts(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    driver.say(GOING_WELL)
    for _ in range(5):
        driver.press("skip") if driver.asking != "views_chair_only" else driver.press("deny")
    assert driver.asking == "views_confirmed"
    driver.press("go_back")
    said = driver.press("skip")
    assert "utter_views_said_worries_skipped" in said.responses
    assert "utter_views_said_no_name" in said.responses


def test_change_an_answer_from_the_read_back(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    fill_to_readback(driver)
    said = driver.press("change_answer")
    assert said.responses == ["utter_views_which_part"]
    said = driver.press("change_answer", views_part="wishes")
    assert driver.asking == "views_wishes"
    assert plain(said.message("utter_views_previous_answer")["views_answer"]) == WISHES
    said = driver.say("I would like to see my dad more.")
    assert driver.asking == "views_confirmed"
    assert "I would like to see my dad more." in [plain(a) for a in said.answers()]
    assert WISHES not in [plain(a) for a in said.answers()]


def test_no_at_the_read_back_asks_what_to_change(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    fill_to_readback(driver)
    said = driver.say("no", intent="deny", confidence=0.99)
    assert said.responses == ["utter_views_which_part"]


def test_unclear_reply_to_the_read_back_asks_again_briefly(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    fill_to_readback(driver)
    said = driver.say("hmm what")
    assert said.responses == ["utter_views_confirm_hint", "utter_ask_views_confirmed"]


def test_go_back_from_the_read_back_goes_to_the_name(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    fill_to_readback(driver)
    said = driver.press("go_back")
    assert driver.asking == "views_first_name"
    assert plain(said.message("utter_views_previous_answer")["views_answer"]) == "Jordan"


def test_everything_skipped_cannot_be_confirmed(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    for _ in range(6):
        driver.press("skip") if driver.asking != "views_chair_only" else driver.press("deny")
    assert driver.asking == "views_confirmed"
    said = driver.press("affirm")
    assert said.responses == ["utter_views_readback_empty"]
    assert driver.asking == "views_confirmed"


def test_confirm_offers_the_document_and_keeps_the_draft_for_its_links(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    fill_to_readback(driver)
    said = driver.press("affirm")
    assert said.responses == ["utter_views_document", "utter_views_finish_options"]
    links = said.message("utter_views_document")
    assert links["views_pdf_link"].endswith(".pdf") and links["views_html_link"].endswith(".html")
    token = links["views_pdf_link"].rsplit("/", 1)[1][:-4]
    assert draft_store().get_by_token(token).entry("going_well") == {"text": GOING_WELL}
    assert driver.sender not in links["views_pdf_link"]
    assert "utter_ask_views_send" not in said.responses  # not verified: nothing to send to


# -- sending ---------------------------------------------------------------------------------------

def test_verified_young_person_sends_only_after_a_clear_yes(demo_database) -> None:
    driver = FormDriver(sender())
    verify(driver.sender, "CPC-DEMO-0001", "WILLOW-1618")  # Jordan, 13
    driver.start()
    fill_to_readback(driver)
    said = driver.press("affirm")
    assert said.responses == ["utter_views_document", "utter_ask_views_send"]
    said = driver.say("maybe later i guess")
    assert said.responses == ["utter_views_send_unclear", "utter_ask_views_send"]
    assert collected(demo_database) == []
    said = driver.say("yes", intent="affirm", confidence=0.97)
    assert said.responses == ["utter_views_sent", "utter_views_finish_options"]
    views = collected(demo_database)
    assert len(views) == 1 and views[0].name == "Jordan" and views[0].role == "young_person"
    for words in (GOING_WELL, WORRIES, WISHES, "I would like the chair to read out what I wrote."):
        assert words in views[0].content
    assert draft(driver) is not None  # still there for the document links until they finish


def test_verified_young_person_can_say_no(demo_database) -> None:
    driver = FormDriver(sender())
    verify(driver.sender, "CPC-DEMO-0001", "WILLOW-1618")
    driver.start()
    fill_to_readback(driver)
    driver.press("affirm")
    said = driver.press("deny")
    assert said.responses == ["utter_views_not_sent", "utter_views_finish_options"]
    assert collected(demo_database) == []


def test_a_verified_parent_is_never_offered_sending(demo_database) -> None:
    driver = FormDriver(sender())
    verify(driver.sender, "CPC-DEMO-0001", "MAPLE-3141")  # Alex, parent
    driver.start()
    fill_to_readback(driver)
    said = driver.press("affirm")
    assert "utter_ask_views_send" not in said.responses
    assert collected(demo_database) == []


def test_sending_fails_safely_when_the_verification_has_ended(demo_database) -> None:
    driver = FormDriver(sender())
    verify(driver.sender, "CPC-DEMO-0001", "WILLOW-1618")
    driver.start()
    fill_to_readback(driver)
    driver.press("affirm")
    case_service().forget(driver.sender)
    said = driver.press("affirm")
    assert "utter_views_send_failed" in said.responses
    assert collected(demo_database) == []


def test_go_back_from_the_send_question_reads_back_again(demo_database) -> None:
    driver = FormDriver(sender())
    verify(driver.sender, "CPC-DEMO-0001", "WILLOW-1618")
    driver.start()
    fill_to_readback(driver)
    driver.press("affirm")
    said = driver.press("go_back")
    assert driver.asking == "views_confirmed" and "utter_views_readback_intro" in said.responses


# -- deletion at every end point ------------------------------------------------------------------

def test_stop_part_way_deletes_the_draft(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    driver.say(GOING_WELL)
    said = driver.press("stop")
    assert said.responses == ["utter_views_stopped"]
    assert not driver.active and draft(driver) is None
    assert all(driver.slots[s] is None for s in ("views_going_well", "views_worries", "helper_outcome"))


def test_stop_at_the_read_back_deletes_the_draft(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    fill_to_readback(driver)
    said = driver.press("stop")
    assert said.responses == ["utter_views_stopped"] and draft(driver) is None


def test_finished_after_completing_deletes_the_draft_and_the_links_stop(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    fill_to_readback(driver)
    said = driver.press("affirm")
    token = said.message("utter_views_document")["views_pdf_link"].rsplit("/", 1)[1][:-4]
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionViewsStop().run(dispatcher, make_tracker(driver.sender, "/stop", intent="stop"),
                                               domain_dict()))
    assert events and [m["response"] for m in dispatcher.messages] == ["utter_views_deleted"]
    assert draft(driver) is None and draft_store().get_by_token(token) is None


def test_stop_outside_the_helper_with_nothing_to_delete(demo_database) -> None:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionViewsStop().run(dispatcher, make_tracker(sender(), "stop", intent="stop"),
                                               domain_dict()))
    assert events and [m["response"] for m in dispatcher.messages] == ["utter_views_nothing_to_delete"]


def test_erasing_the_conversation_deletes_the_draft(demo_database) -> None:
    from bot.my_views.drafts import erase_draft

    driver = FormDriver(sender())
    driver.start()
    driver.say(GOING_WELL)
    assert erase_draft(driver.sender) is True  # what erase_conversation calls
    assert draft(driver) is None


def test_drafts_expire_after_24_hours(demo_database, clock) -> None:
    from bot.my_views.drafts import DraftStore

    store = DraftStore(demo_database, clock=clock)
    try:
        store.save("conv-old", "en", {"going_well": {"text": GOING_WELL}})
        clock.advance(hours=24)
        assert store.purge_expired() == 1 and store.get("conv-old") is None
    finally:
        store.close()


def test_starting_again_throws_away_an_old_draft(demo_database) -> None:
    driver = FormDriver(sender())
    driver.start()
    driver.say(GOING_WELL)
    said = driver.start()
    assert draft(driver) is None and driver.asking == "views_going_well"
    assert "utter_views_previous_answer" not in said.responses


def test_required_slots_when_stopped_is_empty(demo_database) -> None:
    tracker = make_tracker(sender(), "x", slots={"helper_outcome": "stopped"})
    slots = asyncio.run(ValidateViewsForm().required_slots(["views_going_well"], CollectingDispatcher(), tracker,
                                                           domain_dict()))
    assert slots == []


@pytest.mark.parametrize(("typed", "choice"), [("the second one", "chair_reads"), ("option 3", "advocate"),
                                               ("number 1", "attend"), ("4", "social_worker")])
def test_a_typed_pick_of_a_listed_option_is_that_option(demo_database, typed: str, choice: str) -> None:
    driver = FormDriver(sender())
    driver.start()
    for _ in range(3):
        driver.press("skip")
    driver.say(typed, intent="choose_share")
    assert draft(driver).entry("share") == {"choice": choice}
