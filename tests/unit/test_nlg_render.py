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


def test_off_topic_reply_offers_the_likeliest_topics_when_any_is_likely() -> None:
    """A question read as off-topic may be a conference question in unseen words: offer its likeliest topics."""
    state = tracker()
    state["latest_message"]["intent_ranking"] = [
        {"name": "out_of_scope", "confidence": 0.45}, {"name": "ask_court_proceedings", "confidence": 0.2},
        {"name": "ask_legal_advice", "confidence": 0.1}, {"name": "ask_plan_end", "confidence": 0.01}]
    reply = render("utter_out_of_scope", state)
    assert "Is your question about one of these?" in reply["text"]
    assert [button["payload"] for button in reply["buttons"]] == ["/ask_court_proceedings", "/ask_legal_advice",
                                                                  "/menu"]
    state["latest_message"]["intent_ranking"] = [{"name": "out_of_scope", "confidence": 0.9},
                                                 {"name": "ask_plan_end", "confidence": 0.01}]
    plain = render("utter_out_of_scope", state)
    assert plain["text"].startswith("Sorry, I can only help with questions about Child Protection Conferences")
    assert [button["payload"] for button in plain["buttons"]] == ["/menu"]


def test_a_message_about_social_care_is_offered_topics_however_unlikely() -> None:
    """"I can only help with conferences" is wrong for a grandparent whose grandchildren went into foster care."""
    ranking = [{"name": "out_of_scope", "confidence": 0.95}, {"name": "ask_grandparent", "confidence": 0.01},
               {"name": "ask_kinship_carer", "confidence": 0.008}, {"name": "ask_plan_end", "confidence": 0.001}]
    for text in ("my 2 gran kids are in foster care under a section 20, where do I stand",
                 "asistenta sociala a spus ca nepotii mei merg in plasament", "سوشل ورکر نے فون کیا",
                 "SS's have said I can't see the report", "do those who record such meetings tell everyone?",
                 "what happens if I fail the hair strand test", "how can the ombudsman help me"):
        state = tracker()
        state["latest_message"].update(text=text, intent_ranking=ranking)
        reply = render("utter_out_of_scope", state)
        assert "Is your question about one of these?" in reply["text"], text
        assert [b["payload"] for b in reply["buttons"]][:2] == ["/ask_grandparent", "/ask_kinship_carer"], text
    for text in ("my kitchen tap is leaking", "how do i apply for a school place for my grandson"):
        state = tracker()
        state["latest_message"].update(text=text, intent_ranking=ranking)
        assert render("utter_out_of_scope", state)["text"].startswith("Sorry, I can only help with questions"), text


def test_unknown_response_is_an_empty_message_not_a_crash() -> None:
    assert render("utter_does_not_exist", tracker()) == {"text": "", "buttons": []}


def test_what_rasa_sends_renders_as_the_whole_conversation_would() -> None:
    """Rasa sends the NLG server a compact tracker (bot/rasa_plugins/nlg.py); every reply that reads the
    conversation's events must come out the same as from the whole tracker."""
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

    from bot.rasa_plugins.nlg import render_state

    def said(text: str, ranking: list[tuple[str, float]], details: list[str]) -> UserUttered:
        intent = {"name": ranking[0][0], "confidence": ranking[0][1]}
        return UserUttered(text, intent, parse_data={
            "text": text, "intent": intent, "personal_details": details,
            "intent_ranking": [{"name": name, "confidence": confidence} for name, confidence in ranking]})

    conversation = DialogueStateTracker("sender", slots=[])
    for earlier in ("ask_interpreter", "ask_reports"):          # earlier questions, answered with a source
        conversation.update(said("an earlier question", [(earlier, 0.9)], []))
        conversation.update(ActionExecuted(earlier.replace("ask_", "utter_")))
        conversation.update(BotUttered("An earlier answer.", metadata={"source": "county_reports"}))
        conversation.update(ActionExecuted("action_listen"))
    conversation.update(said("can i bring someone", [("ask_supporter", 0.6), ("ask_advocate", 0.2),
                                                      ("ask_solicitor", 0.1)], []))
    conversation.update(ActionExecuted("utter_supporter"))
    conversation.update(BotUttered("You can bring a friend.", metadata={"source": "county_on_the_day"}))
    conversation.update(ActionExecuted("action_listen"))
    conversation.update(said("no, my number is 07700 900123", [("wrong_answer", 0.9)], ["phone"]))
    conversation.update(SlotSet("language", "en"))
    whole = conversation.current_state(EventVerbosity.ALL)
    compact = render_state(conversation)
    # the last question and the last source, then this turn: the earlier questions are not sent
    assert [event["event"] for event in compact["events"]] == ["user", "bot", "user"]
    assert "07700" not in str(compact["events"])            # who spoke and what was ranked, not what was said
    for name in ("utter_other_topics", "utter_source", "utter_supporter"):
        assert render(name, compact) == render(name, whole)
    for name in ("utter_source", "utter_supporter"):                 # after a reply in this turn too
        with_reply = {**whole, "events": [*whole["events"], {"event": "bot", "metadata": {}}]}
        compact_reply = {**compact, "events": [*compact["events"], {"event": "bot", "metadata": {}}]}
        assert render(name, compact_reply) == render(name, with_reply)
    offered = {button["payload"] for button in render("utter_other_topics", compact)["buttons"]}
    assert {"/ask_advocate", "/ask_solicitor"} <= offered
