"""Operations council staff run on case data (the CLI is a thin layer over this class).

Every change is one transaction and leaves an "admin.*" row in the audit trail. Codes are
returned exactly once, by issue_code / reissue_code, and never stored or printed again.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Optional, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cases import audit, codes, lockout
from bot.cases.import_files import read_rows
from bot.cases.importer import ImportSummary, import_rows
from bot.cases.models import Conference, Invitee, Report, ReportShare, SubmittedViews, VerifiedSession
from bot.cases.records import ConferenceInput, InviteeInput, add_conference
from bot.cases.refs import ReferenceHasher, reference_key
from bot.cases.service import SESSION_IDLE
from bot.cases.summaries import CaseSummary, CollectedViews, PurgeSummary, describe_case, live_code
from bot.profile import Timescales, TimescalesLike, as_timescales
from bot.server_key import load_hmac_key
from bot.storage.client import DatabaseClient
from bot.storage.engine import transaction
from bot.timeutil import Clock, london_to_utc, to_london, utcnow


class AdminError(Exception):
    """A refused admin operation; the message is meant for the person at the keyboard."""


Named = TypeVar("Named")


def _named(items: Iterable[Named], wanted: str, name_of: Callable[[Named], str], missing: str, kind: str) -> Named:
    """The item whose name matches `wanted` (any case), or an error that lists the names there are."""
    items = list(items)
    for item in items:
        if name_of(item).casefold() == wanted.strip().casefold():
            return item
    known = ", ".join(name_of(item) for item in items) or "none"
    raise AdminError(f"{missing} {wanted!r} ({kind}: {known})")


class CaseAdmin(DatabaseClient):
    def __init__(self, database_url: str, timescales: Optional[TimescalesLike] = None, clock: Clock = utcnow, *,
                 hmac_key: Optional[bytes] = None, migrate: bool = True) -> None:
        super().__init__(database_url, clock, migrate)
        self._timescales = as_timescales(timescales) if timescales is not None else None
        self._hmac_key = hmac_key

    # -- helpers ---------------------------------------------------------------------------

    def _hash(self, reference: str) -> str:
        if self._hmac_key is None:
            self._hmac_key = load_hmac_key()
        return ReferenceHasher(self._hmac_key)(reference)

    def _need_timescales(self) -> Timescales:
        if self._timescales is None:
            raise AdminError("this command needs the council profile's timescales")
        return self._timescales

    def _audit(self, session: Session, conference: Conference, action: str, now: datetime) -> None:
        audit.record(session, now=now, action=audit.ADMIN_PREFIX + action, outcome="OK",
                     reference_hash=self._hash(conference.reference_key))

    @staticmethod
    def _conference(session: Session, reference: str) -> Conference:
        conference = session.execute(
            select(Conference).where(Conference.reference_key == reference_key(reference))
        ).scalar_one_or_none()
        if conference is None:
            raise AdminError(f"there is no case {reference!r}")
        return conference

    @staticmethod
    def _invitee(conference: Conference, name: str) -> Invitee:
        return _named(conference.invitees, name, lambda invitee: invitee.display_name,
                      f"{conference.reference} has no invitee", "invitees")

    @staticmethod
    def _report(conference: Conference, agency: str) -> Report:
        return _named(conference.reports, agency, lambda report: report.agency,
                      f"{conference.reference} has no report from", "reports")

    @staticmethod
    def _end_sessions(session: Session, invitee: Invitee) -> None:
        session.query(VerifiedSession).filter(VerifiedSession.invitee_id == invitee.id).delete(
            synchronize_session=False)

    # -- loading -----------------------------------------------------------------------------

    def is_empty(self) -> bool:
        with transaction(self._sessions) as session:
            return session.execute(select(Conference.id).limit(1)).first() is None

    def import_file(self, path: Path, fmt: Optional[str] = None) -> ImportSummary:
        """Import a CSV/JSON file all-or-nothing; raises ImportRejected listing every problem."""
        rows = read_rows(path, fmt)
        now = self._now()
        with transaction(self._sessions) as session:
            summary = import_rows(session, rows, now)
            for key in {reference_key(str(r.values.get("reference"))) for r in rows if r.kind == "conference"}:
                audit.record(session, now=now, action=audit.ADMIN_PREFIX + "import", outcome="OK",
                             reference_hash=self._hash(key))
            return summary

    def load_demo(self, cases_file: Path, demo_codes: Mapping[str, Mapping[str, str]]) -> ImportSummary:
        """Import the demo cases and give their invitees the fixed demo codes (hashed like any
        other code). Only into an empty database, and all in one transaction."""
        rows = read_rows(cases_file)
        now = self._now()
        with transaction(self._sessions) as session:
            if session.execute(select(Conference.id).limit(1)).first() is not None:
                raise AdminError("the case database is not empty; load-demo only fills an empty one")
            summary = import_rows(session, rows, now)
            for reference, by_name in demo_codes.items():
                conference = self._conference(session, reference)
                for name, code in by_name.items():
                    invitee = self._invitee(conference, name)
                    invitee.code_hash = codes.hash_code(code)
                    invitee.code_issued_at = now
                    invitee.code_expires_at = conference.starts_at + timedelta(
                        days=self._need_timescales().code_valid_days_after_conference)
                self._audit(session, conference, "load_demo", now)
            return summary

    def add_conference(self, data: ConferenceInput) -> None:
        now = self._now()
        with transaction(self._sessions) as session:
            if session.execute(select(Conference.id).where(
                    Conference.reference_key == reference_key(data.reference))).first() is not None:
                raise AdminError(f"case {data.reference} already exists")
            conference = add_conference(session, data, now)
            self._audit(session, conference, "add_conference", now)

    def add_invitee(self, reference: str, data: InviteeInput) -> None:
        now = self._now()
        with transaction(self._sessions) as session:
            conference = self._conference(session, reference)
            if any(i.display_name.casefold() == data.name.casefold() for i in conference.invitees):
                raise AdminError(f"{conference.reference} already has an invitee called {data.name}")
            conference.invitees.append(Invitee(display_name=data.name, role=data.role, age=data.age,
                                               language=data.language, attendance=data.attendance))
            conference.updated_at = now
            self._audit(session, conference, "add_invitee", now)

    def add_report(self, reference: str, agency: str) -> None:
        now = self._now()
        with transaction(self._sessions) as session:
            conference = self._conference(session, reference)
            if any(r.agency.casefold() == agency.casefold() for r in conference.reports):
                raise AdminError(f"{conference.reference} already has a report from {agency}")
            conference.reports.append(Report(agency=agency))
            conference.updated_at = now
            self._audit(session, conference, "add_report", now)

    # -- changes -----------------------------------------------------------------------------

    def move_conference(self, reference: str, day: date, clock_time: time, *, venue: Optional[str] = None,
                        online: bool = False, joining_instructions: Optional[str] = None) -> datetime:
        """New date and time (and venue or online details). Live codes follow the new date."""
        if online and not joining_instructions:
            raise AdminError("an online conference needs joining instructions")
        if not online and not venue:
            raise AdminError("give a venue, or --online with joining instructions")
        starts_at = _london(day, clock_time)
        now = self._now()
        with transaction(self._sessions) as session:
            conference = self._conference(session, reference)
            conference.starts_at = starts_at
            conference.is_online = online
            conference.venue = None if online else venue
            conference.joining_instructions = joining_instructions if online else None
            conference.updated_at = now
            live = [i for i in conference.invitees if i.code_hash and i.code_revoked_at is None]
            if live:
                valid = timedelta(days=self._need_timescales().code_valid_days_after_conference)
                for invitee in live:
                    invitee.code_expires_at = starts_at + valid
            self._audit(session, conference, "move_conference", now)
            return starts_at

    def set_attendance(self, reference: str, name: str, attendance: str) -> None:
        now = self._now()
        with transaction(self._sessions) as session:
            conference = self._conference(session, reference)
            self._invitee(conference, name).attendance = attendance
            conference.updated_at = now
            self._audit(session, conference, "set_attendance", now)

    def share_report(self, reference: str, agency: str, name: str, shared_on: Optional[date]) -> None:
        """Record a report as shared with an invitee on a date (None: due to be shared, not yet)."""
        now = self._now()
        with transaction(self._sessions) as session:
            conference = self._conference(session, reference)
            report = self._report(conference, agency)
            invitee = self._invitee(conference, name)
            share = session.execute(select(ReportShare).where(
                ReportShare.report_id == report.id, ReportShare.invitee_id == invitee.id)).scalar_one_or_none()
            if share is None:
                session.add(ReportShare(report_id=report.id, invitee_id=invitee.id, shared_on=shared_on))
            else:
                share.shared_on = shared_on
            conference.updated_at = now
            self._audit(session, conference, "share_report", now)

    # -- codes -------------------------------------------------------------------------------

    def _set_new_code(self, conference: Conference, invitee: Invitee, now: datetime) -> str:
        expires = conference.starts_at + timedelta(days=self._need_timescales().code_valid_days_after_conference)
        if expires <= now:
            raise AdminError(f"the conference for {conference.reference} was too long ago: a code would "
                             "already have expired")
        code = codes.new_code()
        invitee.code_hash = codes.hash_code(code)
        invitee.code_issued_at = now
        invitee.code_expires_at = expires
        invitee.code_revoked_at = None
        return code

    def issue_code(self, reference: str, name: str) -> str:
        """A new code for an invitee who has no live code. Returned once, never stored in clear."""
        now = self._now()
        with transaction(self._sessions) as session:
            conference = self._conference(session, reference)
            invitee = self._invitee(conference, name)
            if live_code(invitee, now):
                raise AdminError(f"{invitee.display_name} already has a live code; use reissue-code to replace it")
            code = self._set_new_code(conference, invitee, now)
            self._audit(session, conference, "issue_code", now)
            return code

    def issue_missing_codes(self, reference: str) -> list[tuple[str, str]]:
        """Codes for every invitee of a case who has no live code: [(name, code)]."""
        now = self._now()
        with transaction(self._sessions) as session:
            conference = self._conference(session, reference)
            issued = [(i.display_name, self._set_new_code(conference, i, now))
                      for i in conference.invitees if not live_code(i, now)]
            if issued:
                self._audit(session, conference, "issue_code", now)
            return issued

    def revoke_code(self, reference: str, name: str) -> None:
        """Stop a code working at once, and end any conversation verified with it."""
        now = self._now()
        with transaction(self._sessions) as session:
            conference = self._conference(session, reference)
            invitee = self._invitee(conference, name)
            if invitee.code_hash is None or invitee.code_revoked_at is not None:
                raise AdminError(f"{invitee.display_name} has no code to revoke")
            invitee.code_revoked_at = now
            self._end_sessions(session, invitee)
            self._audit(session, conference, "revoke_code", now)

    def reissue_code(self, reference: str, name: str) -> str:
        """Replace an invitee's code (the old one stops working and its sessions end)."""
        now = self._now()
        with transaction(self._sessions) as session:
            conference = self._conference(session, reference)
            invitee = self._invitee(conference, name)
            code = self._set_new_code(conference, invitee, now)
            self._end_sessions(session, invitee)
            self._audit(session, conference, "reissue_code", now)
            return code

    # -- reading -----------------------------------------------------------------------------

    def describe(self, reference: str) -> CaseSummary:
        """Everything about a case except codes and hashes (which are never shown)."""
        now = self._now()
        with transaction(self._sessions) as session:
            conference = self._conference(session, reference)
            return describe_case(conference, now, self._timescales)

    def list_cases(self) -> list[str]:
        """One line per case: reference, type, London date and time, number of invitees."""
        with transaction(self._sessions) as session:
            rows = session.execute(select(Conference).order_by(Conference.starts_at)).scalars().all()
            return [f"{c.reference}  {c.conference_type:<11} {to_london(c.starts_at):%Y-%m-%d %H:%M}  "
                    f"{len(c.invitees)} invitee(s)" for c in rows]

    def audit_trail(self, reference: str) -> list[audit.AuditRow]:
        """The trail for a reference, including attempts on references that do not exist."""
        with transaction(self._sessions) as session:
            return audit.trail(session, self._hash(reference))

    def collect_views(self, reference: str) -> list[CollectedViews]:
        """Views submitted and not yet collected; they are marked collected as they are returned."""
        now = self._now()
        with transaction(self._sessions) as session:
            conference = self._conference(session, reference)
            rows = session.execute(
                select(SubmittedViews).join(Invitee).where(Invitee.conference_id == conference.id,
                                                           SubmittedViews.collected_at.is_(None))
                .order_by(SubmittedViews.created_at, SubmittedViews.id)).scalars().all()
            collected = [CollectedViews(r.invitee.display_name, r.invitee.role, r.created_at, r.language, r.content)
                         for r in rows]
            for row in rows:
                row.collected_at = now
            if rows:
                self._audit(session, conference, "collect_views", now)
            return collected

    def purge(self, older_than_days: int, audit_days: int) -> PurgeSummary:
        """Delete cases whose conference started more than `older_than_days` ago (with all
        their invitees, reports, sessions and submitted views), audit rows older than
        `audit_days`, lapsed sessions and stale lockout rows."""
        if older_than_days < 0 or audit_days < 0:
            raise AdminError("days must be 0 or more")
        now = self._now()
        with transaction(self._sessions) as session:
            old = session.execute(select(Conference).where(
                Conference.starts_at < now - timedelta(days=older_than_days))).scalars().all()
            for conference in old:
                self._audit(session, conference, "purge", now)
                session.delete(conference)
            session.flush()
            sessions = session.query(VerifiedSession).filter(
                VerifiedSession.last_seen_at < now - SESSION_IDLE).delete(synchronize_session=False)
            lock_rows = lockout.clear_stale(session, now)
            audit_rows = audit.delete_older_than(session, now - timedelta(days=audit_days))
            return PurgeSummary(len(old), audit_rows, sessions, lock_rows)


def _london(day: date, clock_time: time) -> datetime:
    try:
        return london_to_utc(day, clock_time)
    except ValueError as exc:
        raise AdminError(str(exc)) from None
