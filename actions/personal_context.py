"""After a general answer about reports, reviews, core groups, the record or the time: the person's own date.

A verified person asking "when should I get the reports?" gets the rule and then "for your
conference, by Wednesday 24 March 2027". Someone who has not looked up their conference is
offered the look-up, once per conversation. The general answer never depends on this action:
when the action server cannot answer, the guard policy stays quiet about it.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Optional
from zoneinfo import ZoneInfo

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.case_answers import DONE
from actions.case_service import case_service
from bot.cases.service import CaseService

LONDON = ZoneInfo("Europe/London")
OFFERED_SLOT = "lookup_offered"
Teller = Callable[[CaseService, str, CollectingDispatcher], bool]


def _reports(service: CaseService, sender: str, dispatcher: CollectingDispatcher) -> bool:
    reports = service.reports_view(sender)
    if not reports:
        return False
    dispatcher.utter_message(response="utter_my_context_reports",
                             due_date=min(report.due_by for report in reports).isoformat())
    return True


def _review(service: CaseService, sender: str, dispatcher: CollectingDispatcher) -> bool:
    dates = service.timescales_view(sender)
    if dates is None:
        return False
    if dates.first_review_by:
        dispatcher.utter_message(response="utter_my_context_first_review",
                                 review_date=dates.first_review_by.isoformat())
    elif dates.next_review_by:
        dispatcher.utter_message(response="utter_my_context_next_review", review_date=dates.next_review_by.isoformat())
    else:
        return False
    return True


def _core_group(service: CaseService, sender: str, dispatcher: CollectingDispatcher) -> bool:
    dates = service.timescales_view(sender)
    if dates is None or dates.first_core_group_by is None:
        return False
    dispatcher.utter_message(response="utter_my_context_core_group",
                             core_group_date=dates.first_core_group_by.isoformat())
    return True


def _record(service: CaseService, sender: str, dispatcher: CollectingDispatcher) -> bool:
    dates = service.timescales_view(sender)
    if dates is None:
        return False
    dispatcher.utter_message(response="utter_my_context_record", record_date=dates.record_by.isoformat())
    return True


def _time(service: CaseService, sender: str, dispatcher: CollectingDispatcher) -> bool:
    conference = service.conference_view(sender)
    if conference is None:
        return False
    if conference.starts_at is None:  # withheld from this invitee: the date only
        dispatcher.utter_message(response="utter_my_context_date", conference_date=conference.date.isoformat())
    else:
        local = conference.starts_at.astimezone(LONDON)
        dispatcher.utter_message(response="utter_my_context_time", conference_date=local.date().isoformat(),
                                 conference_time=local.time().isoformat(timespec="minutes"))
    return True


#: Topic intent -> how to tell that topic's date for the person's own conference.
TELLERS: dict[str, Teller] = {
    "ask_reports": _reports,
    "ask_late_reports": _reports,
    "ask_review": _review,
    "ask_core_group": _core_group,
    "ask_record": _record,
    "ask_record_who_gets": _record,
    "ask_timing": _time,
    "ask_on_the_day": _time,
}


def _topic(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


class ActionPersonalContext(Action):
    """See the module docstring."""

    def name(self) -> str:
        return "action_personal_context"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        teller = TELLERS.get(_topic(tracker) or "")
        if teller is None:
            return list(DONE)
        service, sender = case_service(), tracker.sender_id
        if teller(service, sender, dispatcher):
            return list(DONE)
        if service.session_invitee(sender) is None and not tracker.get_slot(OFFERED_SLOT):
            dispatcher.utter_message(response="utter_offer_lookup")
            return [SlotSet(OFFERED_SLOT, True), *DONE]
        return list(DONE)



