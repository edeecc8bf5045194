"""Validated case data on its way into the database, and how it is written.

The importer and the admin commands build these; `add_conference` turns one into rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Optional

from sqlalchemy.orm import Session

from bot.cases.models import Conference, Invitee, Report, ReportShare
from bot.cases.refs import reference_key


@dataclass
class InviteeInput:
    name: str
    role: str
    age: Optional[int] = None
    language: str = "en"
    attendance: str = "full"


@dataclass
class ShareInput:
    name: str
    shared_on: Optional[date]


@dataclass
class ReportInput:
    agency: str
    shares: list[ShareInput] = field(default_factory=list)


@dataclass
class ConferenceInput:
    reference: str
    conference_type: str
    starts_at: datetime  # aware UTC
    is_online: bool
    venue: Optional[str]
    joining_instructions: Optional[str]
    chair_meets_parent_before: bool
    chair_meeting_minutes: Optional[int]
    team_phone: str
    invitees: list[InviteeInput] = field(default_factory=list)
    reports: list[ReportInput] = field(default_factory=list)


def add_conference(session: Session, data: ConferenceInput, now: datetime) -> Conference:
    """Add one validated conference with its invitees, reports and shares (flushes, no commit)."""
    conference = Conference(
        reference=data.reference,
        reference_key=reference_key(data.reference),
        conference_type=data.conference_type,
        starts_at=data.starts_at,
        is_online=data.is_online,
        venue=data.venue,
        joining_instructions=data.joining_instructions,
        chair_meets_parent_before=data.chair_meets_parent_before,
        chair_meeting_minutes=data.chair_meeting_minutes,
        team_phone=data.team_phone,
        created_at=now,
        updated_at=now,
    )
    by_name = {}
    for item in data.invitees:
        invitee = Invitee(display_name=item.name, role=item.role, age=item.age, language=item.language,
                          attendance=item.attendance)
        conference.invitees.append(invitee)
        by_name[item.name.casefold()] = invitee
    for report_input in data.reports:
        report = Report(agency=report_input.agency)
        conference.reports.append(report)
        for share in report_input.shares:
            report.shares.append(ReportShare(invitee=by_name[share.name.casefold()], shared_on=share.shared_on))
    session.add(conference)
    session.flush()
    return conference
