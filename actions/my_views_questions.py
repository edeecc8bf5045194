"""The "My views" helper's questions: each part, the read-back, and "send it to your case record?"."""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.my_views_common import CONFIRM_SLOT, SEND_SLOT, as_reply_words, draft_store, tell_document
from actions.turns import read_reply, slot_asked_last_turn
from bot.my_views import CONTENT_PARTS, entry_choice, entry_text, slot_for
from bot.my_views.document import SHARE_LABELS
from bot.my_views.drafts import Draft


def _draft(tracker: Tracker) -> Optional[Draft]:
    return draft_store().get(tracker.sender_id)


def _say_entry(dispatcher: CollectingDispatcher, response: str, entry: Optional[Mapping[str, Any]]) -> bool:
    """`response` with their words (or the chosen way of sharing); False when there is neither."""
    text, choice = entry_text(entry), entry_choice(entry)
    if text is not None:
        dispatcher.utter_message(response=response, views_answer=as_reply_words(text))
    elif choice is not None:
        dispatcher.utter_message(response=response, views_answer=SHARE_LABELS[choice])
    else:
        return False
    return True


def _tell_previous(dispatcher: CollectingDispatcher, draft: Optional[Draft], part: str) -> None:
    """On coming back to a question: what they answered before, so they can keep it."""
    entry = draft.entry(part) if draft else None
    if entry_text(entry) is not None:
        _say_entry(dispatcher, "utter_views_previous_answer", entry)
    else:
        _say_entry(dispatcher, "utter_views_previous_choice", entry)


class AskViewsQuestion(Action, ABC):
    """Asks one of the six questions (action_ask_views_<part>)."""

    @property
    @abstractmethod
    def part(self) -> str:
        ...

    def name(self) -> str:
        return f"action_ask_{slot_for(self.part)}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        slot = slot_for(self.part)
        asked_before = slot_asked_last_turn(tracker)
        reply = read_reply(tracker)
        if self.part == "chair_only" and asked_before == slot and reply.control == "affirm":
            return [SlotSet("requested_slot", slot)]  # "yes": they were just told to type it
        if asked_before != slot:
            _tell_previous(dispatcher, _draft(tracker), self.part)
        dispatcher.utter_message(response=f"utter_ask_{slot}")
        return [SlotSet("requested_slot", slot)]


class AskViewsGoingWell(AskViewsQuestion):
    part = "going_well"


class AskViewsWorries(AskViewsQuestion):
    part = "worries"


class AskViewsWishes(AskViewsQuestion):
    part = "wishes"


class AskViewsShare(AskViewsQuestion):
    part = "share"


class AskViewsChairOnly(AskViewsQuestion):
    part = "chair_only"


class AskViewsFirstName(AskViewsQuestion):
    part = "first_name"


def read_back(dispatcher: CollectingDispatcher, draft: Optional[Draft]) -> None:
    """Everything they wrote, in their own words, then the question."""
    if draft is None or not draft.has_content:
        dispatcher.utter_message(response="utter_views_readback_empty")
        return
    dispatcher.utter_message(response="utter_views_readback_intro")
    for part in CONTENT_PARTS:
        if not _say_entry(dispatcher, f"utter_views_said_{part}", draft.entry(part)):
            dispatcher.utter_message(response=f"utter_views_said_{part}_skipped")
    if not _say_entry(dispatcher, "utter_views_said_first_name", draft.entry("first_name")):
        dispatcher.utter_message(response="utter_views_said_no_name")
    dispatcher.utter_message(response="utter_ask_views_confirmed")


class AskViewsConfirmed(Action):
    """The read-back, or after an unclear reply to it, the question alone."""

    def name(self) -> str:
        return f"action_ask_{CONFIRM_SLOT}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        events: list[EventType] = [SlotSet("requested_slot", CONFIRM_SLOT)]
        draft = _draft(tracker)
        if slot_asked_last_turn(tracker) != CONFIRM_SLOT:
            read_back(dispatcher, draft)
            return events
        reply = read_reply(tracker)
        control = reply.control
        if reply.crisis:
            dispatcher.utter_message(response="utter_ask_views_confirmed")
        elif control in {"change_answer", "deny"}:
            dispatcher.utter_message(response="utter_views_which_part")
        elif draft is None or not draft.has_content:
            dispatcher.utter_message(response="utter_views_readback_empty")
        else:
            dispatcher.utter_message(response="utter_views_confirm_hint")
            dispatcher.utter_message(response="utter_ask_views_confirmed")
        return events


class AskViewsSend(Action):
    """For a verified young person: the document, then "send it to your case record?"."""

    def name(self) -> str:
        return f"action_ask_{SEND_SLOT}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if slot_asked_last_turn(tracker) != SEND_SLOT:
            tell_document(dispatcher, tracker.sender_id)
        elif not read_reply(tracker).crisis:
            dispatcher.utter_message(response="utter_views_send_unclear")
        dispatcher.utter_message(response="utter_ask_views_send")
        return [SlotSet("requested_slot", SEND_SLOT)]
