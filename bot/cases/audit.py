"""The audit trail: every verification attempt, session end and admin change to a case.

Rows hold the time, the conversation id, the reference's HMAC, an action and an outcome.
There is deliberately no free-text column, so nothing (least of all a code) can leak in.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cases.models import AuditEvent

# Actions
VERIFY = "verify"
SESSION_EXPIRED = "session_expired"
FORGET = "forget"
VIEW_CONFERENCE = "view_conference"
VIEW_REPORTS = "view_reports"
VIEW_TIMESCALES = "view_timescales"
SUBMIT_VIEWS = "submit_views"
ADMIN_PREFIX = "admin."


@dataclass(frozen=True)
class AuditRow:
    occurred_at: datetime
    conversation_id: Optional[str]
    action: str
    outcome: str


def record(session: Session, *, now: datetime, action: str, outcome: str,
           reference_hash: Optional[str], conversation_id: Optional[str] = None) -> None:
    session.add(AuditEvent(occurred_at=now, conversation_id=conversation_id, reference_hash=reference_hash,
                           action=action[:32], outcome=outcome[:16]))


def trail(session: Session, reference_hash: str) -> list[AuditRow]:
    rows = session.execute(
        select(AuditEvent).where(AuditEvent.reference_hash == reference_hash)
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    ).scalars()
    return [AuditRow(r.occurred_at, r.conversation_id, r.action, r.outcome) for r in rows]


def delete_older_than(session: Session, cutoff: datetime) -> int:
    return session.query(AuditEvent).filter(AuditEvent.occurred_at < cutoff).delete(synchronize_session=False)
