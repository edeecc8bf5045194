"""The "My views" helper's validation: a young person writes down their views for their conference.

Three parts in the style social workers use with children (what is going well, what I am
worried about, what I would like to happen), then how to share them, anything only for the
chair, and an optional first name for the title. At every step they can skip, go back,
change an answer, keep an earlier answer, or stop. At the end the assistant reads their
answers back in their own words, asks them to confirm or change, and offers the document
(PDF and web page). A young person verified with their own access code can also send it to
their case record, and only after a clear yes. The questions are asked by
actions/my_views_questions.py; the start and end by actions/my_views_session.py.

Privacy: their words are saved only in the draft store (bot/my_views/drafts.py). The form's
slots hold markers ("saved", "skipped"); the tracker store masks `views_*` slots and the
messages that answered them. Replies that quote their words pass them as `views_*`
arguments (see bot.my_views.PRIVATE_PREFIX).
"""
from __future__ import annotations

import logging
from typing import Any, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.case_service import case_service
from actions.guarded_form import GuardedFormValidationAction
from actions.my_views_common import (
    CONFIRM_SLOT,
    CONFIRMED,
    KEPT,
    NO,
    NOT_SENT,
    ORDER,
    OUTCOME_SLOT,
    PART_SLOTS,
    SAVED,
    SEND_FAILED,
    SEND_SLOT,
    SENT,
    SKIPPED,
    STOPPED,
    YES,
    draft_store,
    language_of,
    verified_young_person,
)
from actions.parsing import clean_first_name, share_choice_from_text
from actions.turns import Reply, read_reply, slot_asked_last_turn
from bot.my_views import MAX_ANSWER_CHARS, PARTS, SHARE_CHOICES, is_answered, slot_for
from bot.my_views.document import build_document, render_text

log = logging.getLogger(__name__)

#: Parts whose question is "would you like to...?": a yes asks for the words, a no skips.
_OPTIONAL_PARTS = frozenset({"chair_only", "first_name"})


class ValidateViewsForm(GuardedFormValidationAction):
    """Reads each reply: a control (skip, back, change, keep, stop) or their own words."""

    order = ORDER

    def name(self) -> str:
        return "validate_views_form"

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

    # -- the contract's hooks ------------------------------------------------------------------

    def not_kept_response(self, slot: str) -> Optional[str]:
        return "utter_views_not_saved" if slot in PART_SLOTS else None

    def stop(self, slot: str) -> dict[str, Any]:
        return {slot: None, OUTCOME_SLOT: STOPPED}

    def at_first_question(self, slot: str, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        dispatcher.utter_message(response="utter_views_first_question")
        return {slot: None}

    def change_target(self, slot: str, reply: Reply) -> Optional[str]:
        target = reply.entity("views_part")
        return slot_for(target) if target in PARTS and slot != SEND_SLOT else None

    def change_unnamed(self, slot: str, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        if slot in PART_SLOTS:
            return self.step_back(slot, dispatcher)
        return {slot: None}  # the read-back asks which part; the send question asks again

    def skip(self, slot: str, tracker: Tracker) -> dict[str, Any]:
        if slot not in PART_SLOTS:
            return {slot: None}
        self._save(tracker, slot[len("views_"):], {"skipped": True})
        return {slot: SKIPPED}

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
        controlled = self.control_values(slot, reply, dispatcher, tracker)
        if controlled is not None:
            return controlled
        control = reply.control
        if control == "keep_answer":
            return {slot: KEPT if is_answered(self._current(tracker, part)) else None}
        if control in {"menu", "goodbye", "start_my_views"}:
            dispatcher.utter_message(response="utter_views_still_writing")
            return {slot: None}
        if part == "share":
            choice = reply.entity("share_how") if control == "choose_share" else None
            choice = choice if choice in SHARE_CHOICES else share_choice_from_text(reply.text)
            if choice is not None:
                self._save(tracker, part, {"choice": choice})
                return {slot: SAVED}
        if part in _OPTIONAL_PARTS and control == "deny":
            self._save(tracker, part, {"skipped": True})
            return {slot: SKIPPED}
        if part in _OPTIONAL_PARTS and control == "affirm":
            # "yes" is an answer to "would you like to...?", never the words (or the name) themselves
            response = "utter_views_type_it" if part == "chair_only" else "utter_views_type_name"
            dispatcher.utter_message(response=response)
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
        controlled = self.control_values(CONFIRM_SLOT, reply, dispatcher, tracker)
        if controlled is not None:
            return controlled
        if reply.control == "affirm":
            draft = draft_store().get(tracker.sender_id)
            if draft is not None and draft.has_content:
                return {CONFIRM_SLOT: YES, OUTCOME_SLOT: CONFIRMED}
        return {CONFIRM_SLOT: None}

    def validate_views_send(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> dict[str, Any]:
        reply = read_reply(tracker)
        controlled = self.control_values(SEND_SLOT, reply, dispatcher, tracker)
        if controlled is not None:
            return controlled
        if reply.control == "deny":
            dispatcher.utter_message(response="utter_views_not_sent")
            return {SEND_SLOT: NO, OUTCOME_SLOT: NOT_SENT}
        if reply.control != "affirm":
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
