"""What one verified invitee may see, as plain frozen dataclasses built from the records.

All visibility rules live here, in one place:
- an excluded invitee gets the conference date but no time, venue or joining details,
  plus flags telling the bot to explain how their views are heard and how to complain;
- a parent, carer or other invitee sees the reports recorded as shared with them, and every
  other report of the conference as "not yet shared" (with its due date);
- a young person sees only reports that have a share row for them: shared (with a date)
  or recorded as due to be shared with them (shared_on empty).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Optional

from bot.cases.models import Conference, Invitee
from bot.cases.working_days import add_months, add_working_days, subtract_working_days
from bot.profile import Timescales
from bot.timeutil import london_date, to_london

#: The ways an excluded invitee's views can still reach the conference (the bot explains them).
VIEWS_HEARD_WAYS: tuple[str, ...] = ("letter_to_chair", "advocate", "social_worker")


@dataclass(frozen=True)
class InviteeView:
    """The verified person, as far as the bot needs to know them."""

    reference: str
    display_name: str
    role: str  # parent | carer | young_person | other
    age: Optional[int]
    language: str
    attendance: str  # full | part | excluded


@dataclass(frozen=True)
class ConferenceView:
    """One invitee's view of their conference. Times are Europe/London."""

    reference: str
    conference_type: str  # initial | review | pre_birth | transfer_in
    invitee: InviteeView
    date: date
    #: None when the details are withheld from this invitee.
    starts_at: Optional[datetime]
    is_online: Optional[bool]
    venue: Optional[str]
    joining_instructions: Optional[str]
    chair_meets_parent_before: Optional[bool]
    chair_meeting_minutes: Optional[int]
    #: The social worker's team line: who to call to change anything (shown to everyone).
    team_phone: str
    excluded: bool
    details_withheld: bool
    attends_part_only: bool
    #: For an excluded invitee: explain these ways their views are heard, and how to complain.
    views_heard_ways: tuple[str, ...]
    explain_how_views_heard: bool
    explain_how_to_complain: bool
    may_bring_supporter: bool
    may_ask_for_interpreter: bool
    is_past: bool


@dataclass(frozen=True)
class ReportView:
    agency: str
    shared_on: Optional[date]
    due_by: date
    #: None while not shared yet.
    on_time: Optional[bool]
    #: Not shared and the due date has passed (the bot says what to do about a late report).
    overdue: bool


@dataclass(frozen=True)
class TimescalesView:
    """Dates computed from this conference; they apply if the conference makes a plan.

    For a review conference there is no "first" core group or review: only the next
    review and the record are given.
    """

    reference: str
    conference_type: str
    conference_date: date
    first_core_group_by: Optional[date]
    first_review_by: Optional[date]
    next_review_by: Optional[date]
    record_by: date
    #: Pre-birth: the first review may be due sooner (within a month of the birth).
    first_review_may_be_sooner: bool


def invitee_view(invitee: Invitee) -> InviteeView:
    return InviteeView(
        reference=invitee.conference.reference,
        display_name=invitee.display_name,
        role=invitee.role,
        age=invitee.age,
        language=invitee.language,
        attendance=invitee.attendance,
    )


def conference_view(invitee: Invitee, now: datetime) -> ConferenceView:
    conference: Conference = invitee.conference
    excluded = invitee.attendance == "excluded"
    local_start = to_london(conference.starts_at)
    return ConferenceView(
        reference=conference.reference,
        conference_type=conference.conference_type,
        invitee=invitee_view(invitee),
        date=local_start.date(),
        starts_at=None if excluded else local_start,
        is_online=None if excluded else bool(conference.is_online),
        venue=None if excluded or conference.is_online else conference.venue,
        joining_instructions=None if excluded or not conference.is_online else conference.joining_instructions,
        chair_meets_parent_before=None if excluded else bool(conference.chair_meets_parent_before),
        chair_meeting_minutes=None if excluded or not conference.chair_meets_parent_before
        else conference.chair_meeting_minutes,
        team_phone=conference.team_phone,
        excluded=excluded,
        details_withheld=excluded,
        attends_part_only=invitee.attendance == "part",
        views_heard_ways=VIEWS_HEARD_WAYS if excluded else (),
        explain_how_views_heard=excluded,
        explain_how_to_complain=excluded,
        may_bring_supporter=not excluded,
        may_ask_for_interpreter=True,
        is_past=conference.starts_at <= now,
    )


def reports_due_by(conference: Conference, timescales: Timescales) -> date:
    days = (timescales.reports_review_working_days if conference.conference_type == "review"
            else timescales.reports_initial_working_days)
    return subtract_working_days(london_date(conference.starts_at), days)


def report_views(invitee: Invitee, timescales: Timescales, now: datetime) -> list[ReportView]:
    conference: Conference = invitee.conference
    due_by = reports_due_by(conference, timescales)
    today = london_date(now)
    mine = {share.report_id: share for share in invitee.shares}
    young_person = invitee.role == "young_person"
    views: list[ReportView] = []
    for report in conference.reports:
        share = mine.get(report.id)
        if share is None and young_person:
            continue  # a young person sees only what is recorded for them
        shared_on = share.shared_on if share is not None else None
        views.append(ReportView(
            agency=report.agency,
            shared_on=shared_on,
            due_by=due_by,
            on_time=None if shared_on is None else shared_on <= due_by,
            overdue=shared_on is None and today > due_by,
        ))
    views.sort(key=lambda v: (v.shared_on is None, v.shared_on or date.max, v.agency.casefold()))
    return views


def timescales_view(conference: Conference, timescales: Timescales) -> TimescalesView:
    day = london_date(conference.starts_at)
    if conference.conference_type == "review":
        first_core_group = first_review = None
        next_review = add_months(day, timescales.later_review_months)
    else:
        first_core_group = add_working_days(day, timescales.first_core_group_working_days)
        first_review = add_months(day, timescales.first_review_months)
        next_review = add_months(first_review, timescales.later_review_months)
    return TimescalesView(
        reference=conference.reference,
        conference_type=conference.conference_type,
        conference_date=day,
        first_core_group_by=first_core_group,
        first_review_by=first_review,
        next_review_by=next_review,
        record_by=add_working_days(day, timescales.record_working_days),
        first_review_may_be_sooner=conference.conference_type == "pre_birth",
    )
