"""The "My views" helper: a young person writes down their views for their conference.

Three parts in the style social workers use with children (what is going well, what I am
worried about, what I would like to happen), then how to share them, anything only for the
chair, and an optional first name for the title. At every step they can skip, go back,
change an answer, keep an earlier answer, or stop. At the end the assistant reads their
answers back in their own words, asks them to confirm or change, and offers the document
(PDF and web page). A young person verified with their own access code can also send it to
their case record, and only after a clear yes.

Privacy: their words are saved only in the draft store (bot/views/drafts.py). The form's
slots hold markers ("saved", "skipped"); the tracker store masks `views_*` slots and the
messages that answered them. Replies that quote their words pass them as `views_*`
arguments (see bot.views.PRIVATE_PREFIX).
"""
from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from typing import Any, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.case_service import case_service
from actions.views_common import as_reply_words, draft_store, language_of, read_reply, slot_asked_last_turn
from bot.views import (CONTENT_PARTS, MAX_ANSWER_CHARS, MAX_NAME_CHARS, PARTS, SHARE_CHOICES, entry_choice,
                       entry_text, is_answered, slot_for)
from bot.views.document import SHARE_LABELS, build_document, own_words, render_text
from bot.views.drafts import Draft
from bot.views.links import document_urls

log = logging.getLogger(__name__)

FORM = "views_form"
PART_SLOTS = [slot_for(part) for part in PARTS]
CONFIRM_SLOT = "views_confirmed"
SEND_SLOT = "views_send"
#: The order the form asks in; "go back" steps back along it.
ORDER = [*PART_SLOTS, CONFIRM_SLOT, SEND_SLOT]
#: How the helper ended. Not a `views_*` slot: the tracker store keeps its value.
OUTCOME_SLOT = "helper_outcome"
STOPPED, CONFIRMED, SENT, NOT_SENT, SEND_FAILED, FINISHED = (
    "stopped", "confirmed", "sent", "not_sent", "send_failed", "finished")
#: Slot markers: their words are never put in a slot.
SAVED, SKIPPED, KEPT, YES, NO = "saved", "skipped", "kept", "yes", "no"

_NAME_PREFIX = re.compile(r"^(?:my name is|my names|my name's|name is|name's|it is|its|it's|i am|im|i'm|call me)\s+",
                          re.IGNORECASE)
_NAME_CHARS = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)?$")


def clean_first_name(text: str) -> Optional[str]:
    """A first name ("Jordan", "my name is Jordan", "Mary-Jane"), or None if it is not one."""
    name = own_words(text).strip().strip(".!")
    name = _NAME_PREFIX.sub("", name).strip()
    if not name or len(name) > MAX_NAME_CHARS or not _NAME_CHARS.match(name):
        return None
    return name


_ORDINALS = {"first": 0, "1st": 0, "one": 0, "1": 0, "second": 1, "2nd": 1, "two": 1, "2": 1,
             "third": 2, "3rd": 2, "three": 2, "3": 2, "fourth": 3, "4th": 3, "four": 3, "4": 3}
_PICK = re.compile(r"^(?:the\s+)?(?:option\s+|number\s+|no\.?\s*|#)?(\w+)(?:\s+one)?(?:\s+pl(?:ea)?se?|\s+pls)?[.!]?$",
                   re.IGNORECASE)


def share_choice_from_text(text: str) -> Optional[str]:
    """ "the second one", "option 3": a pick from the listed ways of sharing (else None)."""
    match = _PICK.match(text.strip())
    index = _ORDINALS.get(match.group(1).lower()) if match else None
    return SHARE_CHOICES[index] if index is not None else None


def verified_young_person(conversation_id: str) -> bool:
    """Whether this conversation is verified, with the case look-up, as a young person."""
    try:
        invitee = case_service().session_invitee(conversation_id)
    except Exception:  # noqa: BLE001 - no case database: nothing can be sent
        log.exception("Could not check the case look-up")
        return False
    return invitee is not None and invitee.role == "young_person"


def filled_this_turn(tracker: Tracker, slot: str) -> Optional[Any]:
    """The value the latest user message put in `slot` (slot mappings run before the form)."""
    value: Optional[Any] = None
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "slot" and event.get("name") == slot and value is None:
            value = event.get("value")
    return value


def _stop(slot: str) -> dict[str, Any]:
    return {slot: None, OUTCOME_SLOT: STOPPED}


def _back(slot: str, dispatcher: CollectingDispatcher) -> dict[str, Any]:
    index = ORDER.index(slot)
    if index == 0:
        dispatcher.utter_message(response="utter_views_first_question")
        return {slot: None}
    return {slot: None, ORDER[index - 1]: None}


class ValidateViewsForm(FormValidationAction):
    """Reads each reply: a control (skip, back, change, keep, stop) or their own words."""

    def name(self) -> str:
        return "validate_views_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        # After a crisis message the guard policy replies first, and Rasa then runs the form
        # without validating what the message put in the slot. So the check is made here:
        # nothing of that message is kept, and the same question is asked again.
        asked = slot_asked_last_turn(tracker)
        if asked not in ORDER:
            return await super().run(dispatcher, tracker, domain)
        if read_reply(tracker).crisis:
            if asked in PART_SLOTS:
                dispatcher.utter_message(response="utter_views_not_saved")
            return [SlotSet(asked, None), SlotSet("requested_slot", asked)]
        if asked not in tracker.slots_to_validate():
            # Another guard reply (another nation, a boundary) came first: Rasa did not pass
            # the answer on for validation, so it is validated here like any other.
            value = filled_this_turn(tracker, asked)
            if value is not None:
                tracker.events.append({"event": "slot", "name": asked, "value": value})
        return await super().run(dispatcher, tracker, domain)

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        if tracker.get_slot(OUTCOME_SLOT) == STOPPED:
            return []
        slots = [slot for slot in domain_slots if slot != SEND_SLOT]
        if tracker.get_slot(CONFIRM_SLOT) is not None and (
                slot_asked_last_turn(tracker) == SEND_SLOT  # answered: sending checks again
                or verified_young_person(tracker.sender_id)):
            slots.append(SEND_SLOT)
        return slots

    # -- the six questions -------------------------------------------------------------------

    def _save(self, tracker: Tracker, part: str, entry: dict[str, Any]) -> None:
        draft_store().set_answer(tracker.sender_id, language_of(tracker), part, entry)

    def _current(self, tracker: Tracker, part: str) -> Optional[dict[str, Any]]:
        draft = draft_store().get(tracker.sender_id)
        entry = draft.entry(part) if draft else None
        return dict(entry) if entry else None

    def _validate_part(self, part: str, value: Any, dispatcher: CollectingDispatcher,
                       tracker: Tracker) -> dict[str, Any]:
        slot = slot_for(part)
        reply = read_reply(tracker)
        if reply.crisis:
            # The safety reply came first. Nothing of that message is saved; ask again.
            dispatcher.utter_message(response="utter_views_not_saved")
            return {slot: None}
        control = reply.control
        if control == "stop":
            return _stop(slot)
        if control == "go_back":
            return _back(slot, dispatcher)
        if control == "change_answer":
            target = reply.entity("views_part")
            if target in PARTS:
                return {slot: None, slot_for(target): None}
            return _back(slot, dispatcher)
        if control == "keep_answer":
            return {slot: KEPT if is_answered(self._current(tracker, part)) else None}
        if control == "skip":
            self._save(tracker, part, {"skipped": True})
            return {slot: SKIPPED}
        if control in {"menu", "goodbye", "start_my_views"}:
            dispatcher.utter_message(response="utter_views_still_writing")
            return {slot: None}
        if part == "share":
            choice = reply.entity("share_how") if control == "choose_share" else None
            choice = choice if choice in SHARE_CHOICES else share_choice_from_text(reply.text)
            if choice is not None:
                self._save(tracker, part, {"choice": choice})
                return {slot: SAVED}
        if part in {"chair_only", "first_name"} and control == "deny":
            self._save(tracker, part, {"skipped": True})
            return {slot: SKIPPED}
        if part in {"chair_only", "first_name"} and control == "affirm":
            # "yes" is an answer to "would you like to...?", never the words (or the name) themselves
            dispatcher.utter_message(response="utter_views_type_it" if part == "chair_only" else "utter_views_type_name")
            return {slot: None}
        if reply.is_payload:
            return {slot: None}  # a button from elsewhere: ask this question again
        text = str(value if isinstance(value, str) and value.strip() else reply.text)
        if part == "first_name":
            name = clean_first_name(text)
            if name is None:
                dispatcher.utter_message(response="utter_views_name_invalid")
                return {slot: None}
            self._save(tracker, part, {"text": name})
            return {slot: SAVED}
        if len(text.strip()) > MAX_ANSWER_CHARS:
            dispatcher.utter_message(response="utter_views_too_long", max_chars=MAX_ANSWER_CHARS)
            return {slot: None}
        self._save(tracker, part, {"text": text.strip()})
        return {slot: SAVED}

    def validate_views_going_well(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> dict[str, Any]:
        return self._validate_part("going_well", value, dispatcher, tracker)

    def validate_views_worries(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> dict[str, Any]:
        return self._validate_part("worries", value, dispatcher, tracker)

    def validate_views_wishes(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> dict[str, Any]:
        return self._validate_part("wishes", value, dispatcher, tracker)

    def validate_views_share(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> dict[str, Any]:
        return self._validate_part("share", value, dispatcher, tracker)

    def validate_views_chair_only(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> dict[str, Any]:
        return self._validate_part("chair_only", value, dispatcher, tracker)

    def validate_views_first_name(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> dict[str, Any]:
        return self._validate_part("first_name", value, dispatcher, tracker)

    # -- read-back and sending ---------------------------------------------------------------

    def validate_views_confirmed(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> dict[str, Any]:
        reply = read_reply(tracker)
        if reply.crisis:
            return {CONFIRM_SLOT: None}
        control = reply.control
        if control == "stop":
            return _stop(CONFIRM_SLOT)
        if control == "go_back":
            return _back(CONFIRM_SLOT, dispatcher)
        if control == "change_answer":
            target = reply.entity("views_part")
            if target in PARTS:
                return {CONFIRM_SLOT: None, slot_for(target): None}
            return {CONFIRM_SLOT: None}  # the question asks which part
        if control == "affirm":
            draft = draft_store().get(tracker.sender_id)
            if draft is not None and draft.has_content:
                return {CONFIRM_SLOT: YES, OUTCOME_SLOT: CONFIRMED}
        return {CONFIRM_SLOT: None}

    def validate_views_send(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> dict[str, Any]:
        reply = read_reply(tracker)
        if reply.crisis:
            return {SEND_SLOT: None}
        control = reply.control
        if control == "stop":
            return _stop(SEND_SLOT)
        if control == "go_back":
            return _back(SEND_SLOT, dispatcher)
        if control == "deny":
            dispatcher.utter_message(response="utter_views_not_sent")
            return {SEND_SLOT: NO, OUTCOME_SLOT: NOT_SENT}
        if control != "affirm":
            return {SEND_SLOT: None}  # only a clear yes sends: ask again
        if send_to_case_record(tracker.sender_id):
            dispatcher.utter_message(response="utter_views_sent")
            return {SEND_SLOT: YES, OUTCOME_SLOT: SENT}
        dispatcher.utter_message(response="utter_views_send_failed")
        return {SEND_SLOT: NO, OUTCOME_SLOT: SEND_FAILED}


def send_to_case_record(conversation_id: str) -> bool:
    """Send the document's text to the case record, for a verified young person only."""
    if not verified_young_person(conversation_id):
        return False
    draft = draft_store().get(conversation_id)
    if draft is None or not draft.has_content:
        return False
    content = render_text(build_document(draft.answers, draft.language))
    try:
        receipt = case_service().submit_views(conversation_id, draft.language, content)
    except ValueError:
        log.warning("Views not sent: the document does not fit the case record")
        return False
    return receipt is not None


# -- asking ------------------------------------------------------------------------------------

def _draft(tracker: Tracker) -> Optional[Draft]:
    return draft_store().get(tracker.sender_id)


def _tell_previous(dispatcher: CollectingDispatcher, draft: Optional[Draft], part: str) -> None:
    """On coming back to a question: what they answered before, so they can keep it."""
    entry = draft.entry(part) if draft else None
    text, choice = entry_text(entry), entry_choice(entry)
    if text is not None:
        dispatcher.utter_message(response="utter_views_previous_answer", views_answer=as_reply_words(text))
    elif choice is not None:
        dispatcher.utter_message(response="utter_views_previous_choice", views_answer=SHARE_LABELS[choice])


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
        entry = draft.entry(part)
        text, choice = entry_text(entry), entry_choice(entry)
        if text is not None:
            dispatcher.utter_message(response=f"utter_views_said_{part}", views_answer=as_reply_words(text))
        elif choice is not None:
            dispatcher.utter_message(response=f"utter_views_said_{part}", views_answer=SHARE_LABELS[choice])
        else:
            dispatcher.utter_message(response=f"utter_views_said_{part}_skipped")
    name = entry_text(draft.entry("first_name"))
    if name is not None:
        dispatcher.utter_message(response="utter_views_said_first_name", views_answer=as_reply_words(name))
    else:
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


def tell_document(dispatcher: CollectingDispatcher, conversation_id: str) -> None:
    pdf_url, html_url = document_urls(draft_store().download_token(conversation_id))
    dispatcher.utter_message(response="utter_views_document", views_pdf_link=pdf_url, views_html_link=html_url)


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


# -- starting and ending -------------------------------------------------------------------------

def _cleared() -> list[EventType]:
    return [*(SlotSet(slot, None) for slot in ORDER), SlotSet(OUTCOME_SLOT, None)]


class ActionViewsStart(Action):
    """Before the first question: what the helper does and what happens to what they write."""

    def name(self) -> str:
        return "action_views_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        draft_store().delete(tracker.sender_id)  # a fresh start
        dispatcher.utter_message(response="utter_views_intro")
        return _cleared()


class ActionViewsFinish(Action):
    """After the form: stopped (draft deleted), or the document and what happens next."""

    def name(self) -> str:
        return "action_views_finish"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        outcome = tracker.get_slot(OUTCOME_SLOT)
        store = draft_store()
        if outcome == STOPPED:
            store.delete(tracker.sender_id)
            dispatcher.utter_message(response="utter_views_stopped")
            return _cleared()
        draft = store.get(tracker.sender_id)
        if draft is None or not draft.has_content:
            dispatcher.utter_message(response="utter_views_draft_gone")
            return _cleared()
        if outcome not in {SENT, NOT_SENT, SEND_FAILED}:
            tell_document(dispatcher, tracker.sender_id)  # otherwise shown with the send question
        dispatcher.utter_message(response="utter_views_finish_options")
        return [SlotSet(OUTCOME_SLOT, FINISHED)]


class ActionViewsStop(Action):
    """"Stop" / "I'm finished" outside the form: delete the draft now."""

    def name(self) -> str:
        return "action_views_stop"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        deleted = draft_store().delete(tracker.sender_id)
        dispatcher.utter_message(response="utter_views_deleted" if deleted else "utter_views_nothing_to_delete")
        return _cleared()
