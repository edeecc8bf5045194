"""Starting and ending the "My views" helper, and "stop" outside it."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.my_views_common import (
    FINISHED,
    NOT_SENT,
    OUTCOME_SLOT,
    SEND_FAILED,
    SENT,
    STOPPED,
    cleared,
    draft_store,
    tell_document,
)


class ActionViewsStart(Action):
    """Before the first question: what the helper does and what happens to what they write."""

    def name(self) -> str:
        return "action_views_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        draft_store().delete(tracker.sender_id)  # a fresh start
        dispatcher.utter_message(response="utter_views_intro")
        return cleared()


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
            return cleared()
        draft = store.get(tracker.sender_id)
        if draft is None or not draft.has_content:
            dispatcher.utter_message(response="utter_views_draft_gone")
            return cleared()
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
        return cleared()
