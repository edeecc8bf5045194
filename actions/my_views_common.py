"""Shared pieces of the young person's path: the draft store, who is talking, the "My views"
helper's slots and outcomes, and how their own words go into a reply.
"""
from __future__ import annotations

import logging
from functools import lru_cache

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.case_service import case_service
from bot.my_views import PARTS, slot_for
from bot.my_views.document import own_words
from bot.my_views.drafts import DraftStore
from bot.my_views.links import document_urls
from bot.nlg.render import conversation_language
from bot.profile import load_profile
from bot.settings import load_settings

log = logging.getLogger(__name__)

FORM = "views_form"
PART_SLOTS = [slot_for(part) for part in PARTS]
CONFIRM_SLOT = "views_confirmed"
SEND_SLOT = "views_send"
#: The order the form asks in; "go back" steps back along it.
ORDER = (*PART_SLOTS, CONFIRM_SLOT, SEND_SLOT)
#: How the helper ended. Not a `views_*` slot: the tracker store keeps its value.
OUTCOME_SLOT = "helper_outcome"
STOPPED, CONFIRMED, SENT, NOT_SENT, SEND_FAILED, FINISHED = (
    "stopped", "confirmed", "sent", "not_sent", "send_failed", "finished")
#: Slot markers: their words are never put in a slot.
SAVED, SKIPPED, KEPT, YES, NO = "saved", "skipped", "kept", "yes", "no"
#: Unicode isolates around their words in a chat reply: kept exactly as written, shown in the
#: right direction inside right-to-left text, and never mistaken for a translatable text.
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


@lru_cache(maxsize=1)
def draft_store() -> DraftStore:
    """One draft store per action-server process (it holds only a connection pool)."""
    return DraftStore(load_settings().database_url)


def child_attend_age() -> int:
    """From this age a young person is usually offered a part of the conference (profile)."""
    return int(load_profile().placeholder_values()["child_attend_age"])


def language_of(tracker: Tracker) -> str:
    """The conversation's language, the same way the NLG server decides it."""
    return conversation_language({"slots": tracker.slots, "latest_message": tracker.latest_message or {}})


def is_young_person(tracker: Tracker) -> bool:
    return tracker.get_slot("is_young_person") is True or tracker.get_slot("audience") == "young_person"


def as_reply_words(text: str) -> str:
    """Their words for a chat reply argument, isolated (see FIRST_STRONG_ISOLATE); invisible
    control and direction-override characters are left out, as in their document."""
    return f"{FIRST_STRONG_ISOLATE}{own_words(text)}{POP_DIRECTIONAL_ISOLATE}"


def cleared() -> list[EventType]:
    """Events that empty the helper's slots and its outcome."""
    return [*(SlotSet(slot, None) for slot in ORDER), SlotSet(OUTCOME_SLOT, None)]


def verified_young_person(conversation_id: str) -> bool:
    """Whether this conversation is verified, with the case look-up, as a young person."""
    try:
        invitee = case_service().session_invitee(conversation_id)
    except Exception:  # noqa: BLE001 - no case database: nothing can be sent
        log.exception("Could not check the case look-up")
        return False
    return invitee is not None and invitee.role == "young_person"


def tell_document(dispatcher: CollectingDispatcher, conversation_id: str) -> None:
    """The links to their document (PDF and web page)."""
    pdf_url, html_url = document_urls(draft_store().download_token(conversation_id))
    dispatcher.utter_message(response="utter_views_document", views_pdf_link=pdf_url, views_html_link=html_url)
