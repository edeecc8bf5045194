"""Answers about the user's own conference, once their conversation is verified."""
from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.case_service import case_service
from bot.cases.visibility import ConferenceView, ReportView, TimescalesView
from bot.i18n import N_

LONDON = ZoneInfo("Europe/London")
CONFERENCE_TYPES = {
    "initial": N_("Initial Child Protection Conference"),
    "review": N_("Review Child Protection Conference"),
    "pre_birth": N_("Pre-birth Child Protection Conference"),
    "transfer_in": N_("Transfer-in Child Protection Conference"),
}
#: Agency names as councils usually record them, so translators see them.
COMMON_AGENCIES = (N_("Children's Social Care"), N_("Police"), N_("School"), N_("Health visitor"),
                   N_("GP"), N_("School nurse"), N_("Probation"), N_("Midwife"), N_("Paediatrician"))
#: Every action returns at least one event: the guard policy reads "no events" as a failure.
DONE = [SlotSet("case_login_result", None)]


def tell_conference(dispatcher: CollectingDispatcher, view: ConferenceView) -> None:
    kind = CONFERENCE_TYPES.get(view.conference_type, view.conference_type)
    if view.details_withheld:
        dispatcher.utter_message(response="utter_my_conference_excluded", conference_date=view.date.isoformat())
        dispatcher.utter_message(response="utter_my_conference_excluded_after", team_phone=view.team_phone)
        return
    if view.starts_at is None:  # withheld details come without a time, handled above
        raise ValueError("a conference shown in full has a start time")
    local = view.starts_at.astimezone(LONDON)
    dispatcher.utter_message(response="utter_my_conference_when", conference_type=kind,
                             conference_date=local.date().isoformat(),
                             conference_time=local.time().isoformat(timespec="minutes"))
    if view.is_online:
        dispatcher.utter_message(response="utter_my_conference_online",
                                 joining_instructions=view.joining_instructions or "")
    elif view.venue:
        dispatcher.utter_message(response="utter_my_conference_venue", venue=view.venue)
    if view.chair_meets_parent_before:
        dispatcher.utter_message(response="utter_my_conference_chair")
    dispatcher.utter_message(response="utter_my_conference_contact", team_phone=view.team_phone)


def tell_report(dispatcher: CollectingDispatcher, report: ReportView) -> None:
    due = report.due_by.isoformat()
    if report.shared_on is None:
        dispatcher.utter_message(response="utter_my_report_not_shared", agency=report.agency, due_date=due)
        return
    name = "utter_my_report_on_time" if report.on_time else "utter_my_report_late"
    dispatcher.utter_message(response=name, agency=report.agency, shared_date=report.shared_on.isoformat(),
                             due_date=due)


def tell_reports(dispatcher: CollectingDispatcher, reports: list[ReportView], conference_type: str) -> None:
    if not reports:
        dispatcher.utter_message(response="utter_my_reports_none")
        return
    dispatcher.utter_message(response="utter_my_reports_intro",
                             conference_type=CONFERENCE_TYPES.get(conference_type, conference_type))
    for report in reports:
        tell_report(dispatcher, report)
    if any(report.on_time is False or report.overdue for report in reports):
        dispatcher.utter_message(response="utter_my_reports_late_help")


def tell_dates(dispatcher: CollectingDispatcher, dates: TimescalesView) -> None:
    record = dates.record_by.isoformat()
    if dates.first_core_group_by and dates.first_review_by:
        dispatcher.utter_message(response="utter_my_dates_initial", record_date=record,
                                 core_group_date=dates.first_core_group_by.isoformat(),
                                 first_review_date=dates.first_review_by.isoformat())
    elif dates.next_review_by:
        dispatcher.utter_message(response="utter_my_dates_review", record_date=record,
                                 next_review_date=dates.next_review_by.isoformat())


class ActionAnswerCaseQuestion(Action):
    """After the login form: answer what was asked (conference, reports or dates)."""

    def name(self) -> str:
        return "action_answer_case_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        service, sender = case_service(), tracker.sender_id
        conference = service.conference_view(sender)
        if conference is None:
            return list(DONE)  # locked or stopped: the form already said why
        question = tracker.get_slot("pending_question") or "conference"
        if question == "reports":
            tell_reports(dispatcher, service.reports_view(sender) or [], conference.conference_type)
        elif question == "dates":
            dates = service.timescales_view(sender)
            if dates is not None:
                tell_dates(dispatcher, dates)
        else:
            tell_conference(dispatcher, conference)
        dispatcher.utter_message(response="utter_my_case_options")
        return list(DONE)


class ActionForgetMe(Action):
    """"Forget me" / "log out": end the verification now."""

    def name(self) -> str:
        return "action_forget_me"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        forgotten = case_service().forget(tracker.sender_id)
        dispatcher.utter_message(response="utter_forgotten" if forgotten else "utter_not_logged_in")
        return [SlotSet("case_reference", None), SlotSet("access_code", None), *DONE]
