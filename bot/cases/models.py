"""SQLAlchemy 1.4 models for case data. The schema itself is created by the Alembic
migrations in `bot/storage/migrations`; keep the two in step (a test compares them).

Times are stored as naive UTC in portable `DATETIME`/`TIMESTAMP` columns and handed back
as aware UTC datetimes (see `UTCDateTime`), so SQLite and PostgreSQL behave the same.
"""
from __future__ import annotations

from datetime import date
from typing import Optional

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import relationship

from bot.storage.base import Base, UTCDateTime

CONFERENCE_TYPES = ("initial", "review", "pre_birth", "transfer_in")
ROLES = ("parent", "carer", "young_person", "other")
ATTENDANCE = ("full", "part", "excluded")
LOCK_SCOPES = ("reference", "conversation")

def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


class Conference(Base):
    __tablename__ = "cases_conferences"

    id = Column(Integer, primary_key=True)
    #: As the council wrote it (shown to staff).
    reference = Column(String(64), nullable=False)
    #: Upper-case letters and digits only; what lookups match on (see refs.reference_key).
    reference_key = Column(String(64), nullable=False, unique=True)
    conference_type = Column(String(16), nullable=False)
    starts_at = Column(UTCDateTime(), nullable=False)
    is_online = Column(Boolean, nullable=False, default=False)
    venue = Column(String(200), nullable=True)
    joining_instructions = Column(Text, nullable=True)
    chair_meets_parent_before = Column(Boolean, nullable=False, default=True)
    #: How many minutes before the start the chair meets the parent, when known.
    chair_meeting_minutes = Column(Integer, nullable=True)
    #: The social worker's team line: who to contact to change anything.
    team_phone = Column(String(32), nullable=False)
    created_at = Column(UTCDateTime(), nullable=False)
    updated_at = Column(UTCDateTime(), nullable=False)

    invitees: list[Invitee] = relationship(
        "Invitee", back_populates="conference", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Invitee.id")
    reports: list[Report] = relationship(
        "Report", back_populates="conference", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Report.id")

    __table_args__ = (
        CheckConstraint(f"conference_type IN {_in(CONFERENCE_TYPES)}", name="conference_type"),
    )


class Invitee(Base):
    __tablename__ = "cases_invitees"

    id = Column(Integer, primary_key=True)
    conference_id = Column(Integer, ForeignKey("cases_conferences.id", ondelete="CASCADE"), nullable=False,
                           index=True)
    #: First name only: all the bot needs to greet the person.
    display_name = Column(String(40), nullable=False)
    role = Column(String(16), nullable=False)
    age = Column(Integer, nullable=True)
    language = Column(String(16), nullable=False, default="en")
    attendance = Column(String(16), nullable=False, default="full")
    code_hash = Column(String(200), nullable=True)
    code_issued_at = Column(UTCDateTime(), nullable=True)
    code_expires_at = Column(UTCDateTime(), nullable=True)
    code_revoked_at = Column(UTCDateTime(), nullable=True)

    conference: Conference = relationship("Conference", back_populates="invitees")
    shares: list[ReportShare] = relationship(
        "ReportShare", back_populates="invitee", cascade="all, delete-orphan", passive_deletes=True)

    __table_args__ = (
        UniqueConstraint("conference_id", "display_name", name="uq_cases_invitees_conference_name"),
        CheckConstraint(f"role IN {_in(ROLES)}", name="role"),
        CheckConstraint(f"attendance IN {_in(ATTENDANCE)}", name="attendance"),
    )


class Report(Base):
    __tablename__ = "cases_reports"

    id = Column(Integer, primary_key=True)
    conference_id = Column(Integer, ForeignKey("cases_conferences.id", ondelete="CASCADE"), nullable=False,
                           index=True)
    agency = Column(String(80), nullable=False)

    conference: Conference = relationship("Conference", back_populates="reports")
    shares: list[ReportShare] = relationship(
        "ReportShare", back_populates="report", cascade="all, delete-orphan", passive_deletes=True)

    __table_args__ = (UniqueConstraint("conference_id", "agency", name="uq_cases_reports_conference_agency"),)


class ReportShare(Base):
    """A report recorded for one invitee: shared on a date, or (shared_on NULL) due but not yet shared."""

    __tablename__ = "cases_report_shares"

    id = Column(Integer, primary_key=True)
    report_id = Column(Integer, ForeignKey("cases_reports.id", ondelete="CASCADE"), nullable=False, index=True)
    invitee_id = Column(Integer, ForeignKey("cases_invitees.id", ondelete="CASCADE"), nullable=False,
                        index=True)
    shared_on: Optional[date] = Column(Date, nullable=True)

    report: Report = relationship("Report", back_populates="shares")
    invitee: Invitee = relationship("Invitee", back_populates="shares")

    __table_args__ = (UniqueConstraint("report_id", "invitee_id", name="uq_cases_report_shares_report_invitee"),)


class FailedAttempt(Base):
    """One failed verification, counted towards both the reference and the conversation lockout."""

    __tablename__ = "cases_failed_attempts"

    id = Column(Integer, primary_key=True)
    reference_hash = Column(String(64), nullable=False, index=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    attempted_at = Column(UTCDateTime(), nullable=False, index=True)


class Lockout(Base):
    """A reference hash or a conversation id that may not verify until `locked_until`."""

    __tablename__ = "cases_lockouts"

    id = Column(Integer, primary_key=True)
    scope = Column(String(16), nullable=False)
    key = Column(String(255), nullable=False)
    locked_at = Column(UTCDateTime(), nullable=False)
    locked_until = Column(UTCDateTime(), nullable=False)

    __table_args__ = (
        Index("ix_cases_lockouts_scope_key_until", "scope", "key", "locked_until"),
        CheckConstraint(f"scope IN {_in(LOCK_SCOPES)}", name="scope"),
    )


class VerifiedSession(Base):
    __tablename__ = "cases_verified_sessions"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, unique=True)
    invitee_id = Column(Integer, ForeignKey("cases_invitees.id", ondelete="CASCADE"), nullable=False,
                        index=True)
    verified_at = Column(UTCDateTime(), nullable=False)
    last_seen_at = Column(UTCDateTime(), nullable=False)

    invitee: Invitee = relationship("Invitee")


class AuditEvent(Base):
    """Who tried what and how it went. Never holds a code or a clear reference."""

    __tablename__ = "cases_audit_events"

    id = Column(Integer, primary_key=True)
    occurred_at = Column(UTCDateTime(), nullable=False, index=True)
    conversation_id = Column(String(255), nullable=True)
    reference_hash = Column(String(64), nullable=True, index=True)
    action = Column(String(32), nullable=False)
    outcome = Column(String(16), nullable=False)


class SubmittedViews(Base):
    """Views a young person sends for their case record, until staff collect them."""

    __tablename__ = "cases_submitted_views"

    id = Column(Integer, primary_key=True)
    invitee_id = Column(Integer, ForeignKey("cases_invitees.id", ondelete="CASCADE"), nullable=False,
                        index=True)
    created_at = Column(UTCDateTime(), nullable=False)
    language = Column(String(16), nullable=False)
    content = Column(Text, nullable=False)
    collected_at = Column(UTCDateTime(), nullable=True)

    invitee: Invitee = relationship("Invitee")
