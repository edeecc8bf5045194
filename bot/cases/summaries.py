"""What the admin tools show about a case: everything except codes and hashes, which are never shown."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Optional

from bot.cases.models import Conference, Invitee
from bot.cases.visibility import reports_due_by
from bot.profile import Timescales
from bot.timeutil import to_london


@dataclass(frozen=True)
class InviteeSummary:
    name: str
    role: str
    age: Optional[int]
    language: str
    attendance: str
    code_status: str


@dataclass(frozen=True)
class ReportSummary:
    agency: str
    shares: tuple[tuple[str, Optional[date]], ...]


@dataclass(frozen=True)
class CaseSummary:
    reference: str
    conference_type: str
    starts_at: datetime  # London time
    is_online: bool
    venue: Optional[str]
    joining_instructions: Optional[str]
    chair_meets_parent_before: bool
    chair_meeting_minutes: Optional[int]
    team_phone: str
    reports_due_by: Optional[date]
    invitees: tuple[InviteeSummary, ...]
    reports: tuple[ReportSummary, ...]


@dataclass(frozen=True)
class PurgeSummary:
    conferences: int
    audit_events: int
    sessions: int
    lockout_rows: int


@dataclass(frozen=True)
class CollectedViews:
    name: str
    role: str
    created_at: datetime
    language: str
    content: str


def describe_case(conference: Conference, now: datetime, timescales: Optional[Timescales]) -> CaseSummary:
    """A case's summary (times in London time); the reports' due date needs the timescales."""
    names = {i.id: i.display_name for i in conference.invitees}
    return CaseSummary(
        reference=conference.reference,
        conference_type=conference.conference_type,
        starts_at=to_london(conference.starts_at),
        is_online=bool(conference.is_online),
        venue=conference.venue,
        joining_instructions=conference.joining_instructions,
        chair_meets_parent_before=bool(conference.chair_meets_parent_before),
        chair_meeting_minutes=conference.chair_meeting_minutes,
        team_phone=conference.team_phone,
        reports_due_by=reports_due_by(conference, timescales) if timescales else None,
        invitees=tuple(InviteeSummary(i.display_name, i.role, i.age, i.language, i.attendance,
                                      code_status(i, now)) for i in conference.invitees),
        reports=tuple(ReportSummary(r.agency, tuple(sorted(
            ((names[s.invitee_id], s.shared_on) for s in r.shares), key=lambda x: x[0].casefold())))
            for r in conference.reports),
    )


def live_code(invitee: Invitee, now: datetime) -> bool:
    """The invitee holds an access code that still works."""
    return (invitee.code_hash is not None and invitee.code_revoked_at is None
            and invitee.code_expires_at is not None and invitee.code_expires_at > now)


def code_status(invitee: Invitee, now: datetime) -> str:
    """"no code", "revoked ...", "expired ..." or "live until ..." (London time)."""
    def when(value: datetime) -> str:
        return to_london(value).strftime("%a %d %b %Y %H:%M")

    if invitee.code_hash is None:
        return "no code"
    if invitee.code_revoked_at is not None:
        return f"revoked {when(invitee.code_revoked_at)}"
    if invitee.code_expires_at is not None and invitee.code_expires_at <= now:
        return f"expired {when(invitee.code_expires_at)}"
    return f"live until {when(invitee.code_expires_at)}" if invitee.code_expires_at else "live"
