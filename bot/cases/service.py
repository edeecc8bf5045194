"""The case service the Rasa actions call: verify a reference and code, then answer only
from what the verified invitee may see.

Verification is the same for every failure (unknown reference, wrong, expired or revoked
code): the same outcome, the same audit row, and the same amount of scrypt work, so nothing
tells a guesser which part was wrong.
"""
from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.cases import audit, codes, lockout
from bot.cases.models import Conference, Invitee, SubmittedViews, VerifiedSession
from bot.cases.refs import ReferenceHasher, reference_key
from bot.cases.visibility import (
    ConferenceView,
    InviteeView,
    ReportView,
    TimescalesView,
    conference_view,
    invitee_view,
    report_views,
    timescales_view,
)
from bot.profile import TimescalesLike, as_timescales
from bot.server_key import load_hmac_key
from bot.storage.client import DatabaseClient
from bot.storage.engine import transaction
from bot.timeutil import Clock, utcnow

SESSION_IDLE = timedelta(minutes=30)
#: Every verification spends at least this many scrypt runs (real hashes first, then dummies),
#: so the time taken does not reveal whether a reference exists or how many invitees it has
#: (up to this many).
VERIFY_HASH_FLOOR = 4
MAX_VIEWS_CHARS = 5000


class VerifyOutcome(str, enum.Enum):
    OK = "OK"
    DENIED = "DENIED"
    LOCKED = "LOCKED"


class SessionStatus(str, enum.Enum):
    ACTIVE = "ACTIVE"
    #: There was a verification, but it has just ended (idle too long, or the code was
    #: revoked or expired). Reported once, so the bot can say so; after that: NONE.
    EXPIRED = "EXPIRED"
    NONE = "NONE"


@dataclass(frozen=True)
class SubmittedReceipt:
    id: int
    created_at: datetime


class CaseService(DatabaseClient):
    """Case look-ups for the bot. Thread-safe: every call uses its own DB session."""

    def __init__(self, database_url: str, profile_timescales: TimescalesLike, clock: Clock = utcnow, *,
                 hmac_key: Optional[bytes] = None, migrate: bool = True) -> None:
        super().__init__(database_url, clock, migrate)
        self.timescales = as_timescales(profile_timescales)
        self._hash_reference = ReferenceHasher(hmac_key if hmac_key is not None else load_hmac_key())

    # -- verification -------------------------------------------------------------------

    def verify(self, reference: str, code: str, conversation_id: str) -> VerifyOutcome:
        """Check a reference and access code; on OK the conversation is verified for 30 idle minutes.

        LOCKED is returned while the reference or the conversation is locked, and also by the
        attempt that triggers a lock, so the real holder learns at once to wait or call.
        """
        conversation_id = _conversation(conversation_id)
        now = self._now()
        key = reference_key(reference)
        ref_hash = self._hash_reference(key)
        with transaction(self._sessions) as session:
            if lockout.active_lock(session, ref_hash, conversation_id, now) is not None:
                audit.record(session, now=now, action=audit.VERIFY, outcome=VerifyOutcome.LOCKED.value,
                             reference_hash=ref_hash, conversation_id=conversation_id)
                return VerifyOutcome.LOCKED
            invitee = self._match(session, key, code, now)
            if invitee is not None:
                self._open_session(session, conversation_id, invitee, now)
                audit.record(session, now=now, action=audit.VERIFY, outcome=VerifyOutcome.OK.value,
                             reference_hash=ref_hash, conversation_id=conversation_id)
                return VerifyOutcome.OK
            locked = lockout.register_failure(session, ref_hash, conversation_id, now)
            outcome = VerifyOutcome.LOCKED if locked else VerifyOutcome.DENIED
            audit.record(session, now=now, action=audit.VERIFY, outcome=outcome.value,
                         reference_hash=ref_hash, conversation_id=conversation_id)
            return outcome

    def _match(self, session: Session, key: str, code: str, now: datetime) -> Optional[Invitee]:
        """The invitee whose live code this is, or None. Always spends the same scrypt work."""
        conference = None
        if key:
            conference = session.execute(
                select(Conference).where(Conference.reference_key == key)
                .options(selectinload(Conference.invitees))
            ).scalar_one_or_none()
        stored = [inv for inv in conference.invitees if inv.code_hash] if conference else []
        matched: Optional[Invitee] = None
        for invitee in stored:
            if codes.verify_code(code, invitee.code_hash) and matched is None:
                matched = invitee
        for _ in range(max(VERIFY_HASH_FLOOR - len(stored), 0)):
            codes.verify_code(code, codes.dummy_hash())
        if matched is None or not _code_live(matched, now):
            return None
        return matched

    @staticmethod
    def _open_session(session: Session, conversation_id: str, invitee: Invitee, now: datetime) -> None:
        existing = session.execute(
            select(VerifiedSession).where(VerifiedSession.conversation_id == conversation_id)
        ).scalar_one_or_none()
        if existing is None:
            session.add(VerifiedSession(conversation_id=conversation_id, invitee_id=invitee.id,
                                        verified_at=now, last_seen_at=now))
        else:
            existing.invitee_id = invitee.id
            existing.verified_at = now
            existing.last_seen_at = now

    # -- sessions ------------------------------------------------------------------------

    def _touch(self, session: Session, conversation_id: str, now: datetime
               ) -> tuple[SessionStatus, Optional[Invitee]]:
        """Find the live session and refresh it, or end it if it has lapsed."""
        verified = session.execute(
            select(VerifiedSession).where(VerifiedSession.conversation_id == conversation_id)
        ).scalar_one_or_none()
        if verified is None:
            return SessionStatus.NONE, None
        invitee = verified.invitee
        if now - verified.last_seen_at > SESSION_IDLE or not _code_live(invitee, now):
            session.delete(verified)
            audit.record(session, now=now, action=audit.SESSION_EXPIRED, outcome="OK",
                         reference_hash=self._hash_reference(invitee.conference.reference_key),
                         conversation_id=conversation_id)
            return SessionStatus.EXPIRED, None
        verified.last_seen_at = now
        return SessionStatus.ACTIVE, invitee

    def session_status(self, conversation_id: str) -> SessionStatus:
        """ACTIVE (and refreshed), EXPIRED (just ended: tell the user), or NONE."""
        with transaction(self._sessions) as session:
            status, _ = self._touch(session, _conversation(conversation_id), self._now())
            return status

    def session_invitee(self, conversation_id: str) -> Optional[InviteeView]:
        """Who this conversation is verified as (refreshing the idle timer), or None."""
        with transaction(self._sessions) as session:
            _, invitee = self._touch(session, _conversation(conversation_id), self._now())
            return invitee_view(invitee) if invitee is not None else None

    def forget(self, conversation_id: str) -> bool:
        """End the verification now ("forget me", "log out"). True if there was one."""
        conversation_id = _conversation(conversation_id)
        now = self._now()
        with transaction(self._sessions) as session:
            verified = session.execute(
                select(VerifiedSession).where(VerifiedSession.conversation_id == conversation_id)
            ).scalar_one_or_none()
            if verified is None:
                return False
            audit.record(session, now=now, action=audit.FORGET, outcome="OK",
                         reference_hash=self._hash_reference(verified.invitee.conference.reference_key),
                         conversation_id=conversation_id)
            session.delete(verified)
            return True

    # -- views ---------------------------------------------------------------------------

    def _audited_invitee(self, session: Session, conversation_id: str, action: str, now: datetime
                         ) -> Optional[Invitee]:
        _, invitee = self._touch(session, conversation_id, now)
        if invitee is not None:
            audit.record(session, now=now, action=action, outcome="OK", conversation_id=conversation_id,
                         reference_hash=self._hash_reference(invitee.conference.reference_key))
        return invitee

    def conference_view(self, conversation_id: str) -> Optional[ConferenceView]:
        """This invitee's view of the conference, or None if the conversation is not verified."""
        now = self._now()
        with transaction(self._sessions) as session:
            invitee = self._audited_invitee(session, _conversation(conversation_id), audit.VIEW_CONFERENCE, now)
            return conference_view(invitee, now) if invitee is not None else None

    def reports_view(self, conversation_id: str) -> Optional[list[ReportView]]:
        """The reports this invitee may see (possibly empty), or None if not verified."""
        now = self._now()
        with transaction(self._sessions) as session:
            invitee = self._audited_invitee(session, _conversation(conversation_id), audit.VIEW_REPORTS, now)
            return report_views(invitee, self.timescales, now) if invitee is not None else None

    def timescales_view(self, conversation_id: str) -> Optional[TimescalesView]:
        """Dates computed from this invitee's own conference, or None if not verified."""
        now = self._now()
        with transaction(self._sessions) as session:
            invitee = self._audited_invitee(session, _conversation(conversation_id), audit.VIEW_TIMESCALES, now)
            return timescales_view(invitee.conference, self.timescales) if invitee is not None else None

    def submit_views(self, conversation_id: str, language: str, content: str) -> Optional[SubmittedReceipt]:
        """Store views the verified person wants on their case record; None if not verified.

        Raises ValueError for empty or over-long content.
        """
        text = (content or "").strip()
        if not text:
            raise ValueError("views are empty")
        if len(text) > MAX_VIEWS_CHARS:
            raise ValueError(f"views are longer than {MAX_VIEWS_CHARS} characters")
        now = self._now()
        with transaction(self._sessions) as session:
            invitee = self._audited_invitee(session, _conversation(conversation_id), audit.SUBMIT_VIEWS, now)
            if invitee is None:
                return None
            row = SubmittedViews(invitee_id=invitee.id, created_at=now, language=(language or "en")[:16],
                                 content=text)
            session.add(row)
            session.flush()
            return SubmittedReceipt(id=row.id, created_at=now)


def _code_live(invitee: Invitee, now: datetime) -> bool:
    return (invitee.code_hash is not None and invitee.code_revoked_at is None
            and invitee.code_expires_at is not None and now < invitee.code_expires_at)


def _conversation(conversation_id: str) -> str:
    """Conversation ids are stored as given; an over-long one (any client can choose its
    sender id) is replaced by its SHA-256, which still identifies it for lockouts."""
    value = str(conversation_id or "").strip()
    if not value:
        raise ValueError("a conversation id is required")
    if len(value) > 255:
        return "sha256:" + hashlib.sha256(value.encode("utf-8")).hexdigest()
    return value
