"""Failed-attempt counting and lockouts, kept in the database so they hold across restarts
and across several servers.

Failures count towards two keys at once: the reference (as its HMAC, so an unknown
reference locks exactly like a real one) and the conversation. A key is locked for
LOCK_DURATION once MAX_FAILURES failures have happened since the later of "one
FAILURE_WINDOW ago" and the end of that key's previous lockout.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.cases.models import FailedAttempt, Lockout

MAX_FAILURES = 5
LOCK_DURATION = timedelta(minutes=15)
FAILURE_WINDOW = timedelta(hours=24)


def active_lock(session: Session, reference_hash: str, conversation_id: str, now: datetime) -> Optional[Lockout]:
    """The lockout that blocks this attempt now, if any (reference or conversation)."""
    return session.execute(
        select(Lockout)
        .where(Lockout.locked_until > now)
        .where(((Lockout.scope == "reference") & (Lockout.key == reference_hash))
               | ((Lockout.scope == "conversation") & (Lockout.key == conversation_id)))
        .order_by(Lockout.locked_until.desc())
        .limit(1)
    ).scalar_one_or_none()


def _count_since_last_lock(session: Session, scope: str, key: str, now: datetime) -> int:
    last_end = session.execute(
        select(func.max(Lockout.locked_until)).where(Lockout.scope == scope, Lockout.key == key)
    ).scalar_one_or_none()
    since = now - FAILURE_WINDOW
    if last_end is not None:
        # Raw aggregate results skip the UTC type decorator on some back ends.
        last_end = last_end if last_end.tzinfo else last_end.replace(tzinfo=now.tzinfo)
        since = max(since, last_end)
    column = FailedAttempt.reference_hash if scope == "reference" else FailedAttempt.conversation_id
    return session.execute(
        select(func.count(FailedAttempt.id)).where(column == key, FailedAttempt.attempted_at >= since)
    ).scalar_one()


def register_failure(session: Session, reference_hash: str, conversation_id: str, now: datetime) -> bool:
    """Record a failure; lock whichever key reached the limit. True when a lock now applies."""
    session.add(FailedAttempt(reference_hash=reference_hash, conversation_id=conversation_id, attempted_at=now))
    session.flush()
    locked = False
    for scope, key in (("reference", reference_hash), ("conversation", conversation_id)):
        if _count_since_last_lock(session, scope, key, now) >= MAX_FAILURES:
            session.add(Lockout(scope=scope, key=key, locked_at=now, locked_until=now + LOCK_DURATION))
            locked = True
    session.flush()
    return locked


def clear_stale(session: Session, now: datetime) -> int:
    """Delete failures and lockouts too old to matter any more (housekeeping for purge)."""
    cutoff = now - FAILURE_WINDOW - LOCK_DURATION
    removed = session.query(FailedAttempt).filter(FailedAttempt.attempted_at < cutoff).delete(
        synchronize_session=False)
    removed += session.query(Lockout).filter(Lockout.locked_until < cutoff).delete(synchronize_session=False)
    return removed
