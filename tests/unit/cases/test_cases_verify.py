"""Verification, identical denials, lockouts and sessions: on SQLite and on PostgreSQL."""
import hashlib
import uuid

import pytest
from sqlalchemy import select

from bot.cases import codes
from bot.cases.models import AuditEvent
from bot.cases.service import CaseService, SessionStatus, VerifyOutcome
from bot.storage.engine import make_engine
from tests.unit.cases.testdata import HMAC_KEY, TIMESCALES

OK, DENIED, LOCKED = VerifyOutcome.OK, VerifyOutcome.DENIED, VerifyOutcome.LOCKED


def new_conversation() -> str:
    return f"conv-{uuid.uuid4().hex}"


def audit_rows(url):
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(select(AuditEvent).order_by(AuditEvent.id)).all()
    finally:
        engine.dispose()


def test_right_code_verifies_however_typed(demo, service, conversation):
    assert service.verify(" cpc demo 0001 ", "maple 3141", conversation) is OK
    invitee = service.session_invitee(conversation)
    assert (invitee.reference, invitee.display_name, invitee.role) == ("CPC-DEMO-0001", "Alex", "parent")


def test_each_invitee_has_their_own_code(demo, service):
    conversation = new_conversation()
    assert service.verify("CPC-DEMO-0001", "CEDAR-2718", conversation) is OK
    assert service.session_invitee(conversation).display_name == "Sam"
    # A code is only good for its own case.
    assert service.verify("CPC-DEMO-0002", "MAPLE-3141", new_conversation()) is DENIED


def test_every_kind_of_failure_looks_the_same(demo, service, clock, db_url, monkeypatch):
    """Unknown reference, wrong code, revoked code, expired code: same outcome, same audit
    row shape, same number of scrypt runs."""
    scrypt_runs = []
    real_scrypt = hashlib.scrypt
    codes.dummy_hash()
    monkeypatch.setattr(codes.hashlib, "scrypt", lambda pw, **kw: scrypt_runs.append(1) or real_scrypt(pw, **kw))

    def attempt(reference, code):
        before = len(scrypt_runs)
        outcome = service.verify(reference, code, new_conversation())
        return outcome, len(scrypt_runs) - before

    unknown = attempt("CPC-NOPE-9999", "MAPLE-3141")
    wrong = attempt("CPC-DEMO-0001", "MAPLE-0000")
    demo.revoke_code("CPC-DEMO-0003", "Kit")
    revoked = attempt("CPC-DEMO-0003", "ROWAN-2024")
    clock.advance(days=109)  # 2 May 2027: CPC-DEMO-0002's code expired 30 days after 31 March 2027
    expired = attempt("CPC-DEMO-0002", "ASPEN-1414")
    assert unknown == wrong == revoked == expired == (DENIED, 4)

    verify_rows = [r for r in audit_rows(db_url)
                   if r.action == "verify"]
    assert [r.outcome for r in verify_rows] == ["DENIED"] * 4
    assert all(r.reference_hash and len(r.reference_hash) == 64 for r in verify_rows)


def test_lockout_after_five_failures_for_a_reference(demo, service, clock, db_url):
    for attempt in range(4):
        assert service.verify("CPC-DEMO-0001", f"WRONG-{attempt}", new_conversation()) is DENIED
    # The fifth failure locks the reference (from a different conversation each time).
    assert service.verify("CPC-DEMO-0001", "WRONG-5", new_conversation()) is LOCKED
    # Now even the right code is refused, for every conversation...
    assert service.verify("CPC-DEMO-0001", "MAPLE-3141", new_conversation()) is LOCKED
    # ...and across a restart (the lock lives in the database).
    restarted = CaseService(db_url, TIMESCALES, clock=clock, hmac_key=HMAC_KEY)
    try:
        clock.advance(minutes=14, seconds=59)
        assert restarted.verify("CPC-DEMO-0001", "MAPLE-3141", new_conversation()) is LOCKED
        # Other cases are not affected.
        assert restarted.verify("CPC-DEMO-0003", "ROWAN-2024", new_conversation()) is OK
        clock.advance(seconds=2)
        assert restarted.verify("CPC-DEMO-0001", "MAPLE-3141", new_conversation()) is OK
    finally:
        restarted.close()


def test_unknown_reference_locks_exactly_like_a_real_one(demo, service):
    outcomes = [service.verify("CPC-NOPE-0001", "WRONG", new_conversation()) for _ in range(6)]
    assert outcomes == [DENIED] * 4 + [LOCKED] * 2


def test_lockout_after_five_failures_in_one_conversation(demo, service, clock):
    conversation = new_conversation()
    outcomes = [service.verify(f"CPC-GUESS-{n:04d}", "WRONG", conversation) for n in range(5)]
    assert outcomes == [DENIED] * 4 + [LOCKED]
    assert service.verify("CPC-DEMO-0001", "MAPLE-3141", conversation) is LOCKED
    assert service.verify("CPC-DEMO-0001", "MAPLE-3141", new_conversation()) is OK
    clock.advance(minutes=15, seconds=1)
    assert service.verify("CPC-DEMO-0001", "MAPLE-3141", conversation) is OK


def test_failures_count_afresh_after_a_lock_ends(demo, service, clock):
    for _ in range(5):
        service.verify("CPC-DEMO-0002", "WRONG", new_conversation())
    clock.advance(minutes=16)
    outcomes = [service.verify("CPC-DEMO-0002", "WRONG", new_conversation()) for _ in range(5)]
    assert outcomes == [DENIED] * 4 + [LOCKED]


def test_locked_attempts_are_audited_but_do_not_extend_the_lock(demo, service, clock):
    for _ in range(5):
        service.verify("CPC-DEMO-0002", "WRONG", new_conversation())
    clock.advance(minutes=10)
    assert service.verify("CPC-DEMO-0002", "WRONG", new_conversation()) is LOCKED
    clock.advance(minutes=5, seconds=1)
    assert service.verify("CPC-DEMO-0002", "ASPEN-1414", new_conversation()) is OK


def test_session_lasts_30_idle_minutes_and_touching_refreshes(demo, service, clock, conversation):
    assert service.verify("CPC-DEMO-0003", "ROWAN-2024", conversation) is OK
    clock.advance(minutes=29)
    assert service.session_invitee(conversation) is not None
    clock.advance(minutes=29)  # 58 minutes after verifying, but only 29 idle
    assert service.conference_view(conversation) is not None
    clock.advance(minutes=30, seconds=1)
    assert service.session_status(conversation) is SessionStatus.EXPIRED
    assert service.session_status(conversation) is SessionStatus.NONE
    assert service.session_invitee(conversation) is None
    assert service.conference_view(conversation) is None
    assert service.reports_view(conversation) is None
    assert service.timescales_view(conversation) is None


def test_forget_ends_the_session(demo, service, conversation):
    assert service.verify("CPC-DEMO-0003", "ROWAN-2024", conversation) is OK
    assert service.session_status(conversation) is SessionStatus.ACTIVE
    assert service.forget(conversation) is True
    assert service.forget(conversation) is False
    assert service.session_invitee(conversation) is None


def test_revoke_and_reissue(demo, service):
    first = new_conversation()
    assert service.verify("CPC-DEMO-0003", "ROWAN-2024", first) is OK
    demo.revoke_code("CPC-DEMO-0003", "Kit")
    assert service.session_invitee(first) is None  # a revoked code ends its sessions at once
    assert service.verify("CPC-DEMO-0003", "ROWAN-2024", new_conversation()) is DENIED
    new_code = demo.reissue_code("CPC-DEMO-0003", "Kit")
    assert service.verify("CPC-DEMO-0003", new_code, new_conversation()) is OK
    assert service.verify("CPC-DEMO-0003", "ROWAN-2024", new_conversation()) is DENIED
    # Reissuing again ends the sessions opened with the previous code.
    holder = new_conversation()
    assert service.verify("CPC-DEMO-0003", new_code, holder) is OK
    newer = demo.reissue_code("CPC-DEMO-0003", "Kit")
    assert service.session_invitee(holder) is None
    assert newer != new_code


def test_codes_expire_30_days_after_the_conference(demo, service, clock, conversation):
    assert service.verify("CPC-DEMO-0001", "MAPLE-3141", conversation) is OK
    # Conference Thu 14 Jan 2027 10:00 GMT; the code works until 13 Feb 2027 10:00.
    clock.now = clock.now.replace(year=2027, month=2, day=13, hour=9, minute=59)
    assert service.verify("CPC-DEMO-0001", "MAPLE-3141", new_conversation()) is OK
    clock.advance(minutes=2)
    assert service.verify("CPC-DEMO-0001", "MAPLE-3141", new_conversation()) is DENIED
    assert service.session_invitee(conversation) is None


def test_every_attempt_is_audited_without_the_code(demo, service, db_url):
    attempts = [("CPC-DEMO-0001", "MAPLE-3141"), ("CPC-DEMO-0001", "CEDAR-2719"), ("CPC-NOPE-0001", "WILLOW-1618"),
                ("CPC-DEMO-0002", "aspen 1414")]
    for reference, code in attempts:
        service.verify(reference, code, new_conversation())
    rows = [r for r in audit_rows(db_url) if r.action == "verify"]
    assert [r.outcome for r in rows] == ["OK", "DENIED", "DENIED", "OK"]
    assert all(r.occurred_at is not None and r.conversation_id.startswith("conv-") for r in rows)
    assert len({r.reference_hash for r in rows}) == 3
    trail = demo.audit_trail("cpc-nope-0001")  # attempts on unknown references can be traced too
    assert [(r.action, r.outcome) for r in trail] == [("verify", "DENIED")]


def test_no_code_or_clear_reference_is_stored_anywhere(demo, service, db_url):
    """Dump every table after verifications with right and wrong codes: no code, in any
    spelling, and no clear reference in the security tables."""
    tried = ["MAPLE-3141", "maple 3141", "CEDAR-2719", "WILLOW-1618", "ZZZZ-ZZZZ-ZZZZ"]
    for code in tried:
        service.verify("CPC-DEMO-0001", code, new_conversation())
    service.verify("CPC-NOPE-0042", "ASPEN-1414", new_conversation())
    engine = make_engine(db_url)
    dumped = {}
    try:
        with engine.connect() as connection:
            from bot.storage.base import Base
            for table in Base.metadata.sorted_tables:
                dumped[table.name] = " ".join(str(row) for row in connection.execute(table.select()))
    finally:
        engine.dispose()
    everything = " ".join(dumped.values()).upper()
    for code in tried + ["ASPEN-1414", "ROWAN-2024"]:
        assert code.upper() not in everything
        assert codes.normalise_code(code) not in everything.replace("-", "").replace(" ", "")
    for table in ("cases_audit_events", "cases_failed_attempts", "cases_lockouts"):
        flat = dumped[table].upper().replace("-", "")
        assert "CPCDEMO" not in flat and "CPCNOPE" not in flat


def test_conversation_id_is_required_and_long_ones_still_work(demo, service):
    with pytest.raises(ValueError):
        service.verify("CPC-DEMO-0001", "MAPLE-3141", "  ")
    long_id = "x" * 1000
    assert service.verify("CPC-DEMO-0001", "MAPLE-3141", long_id) is OK
    assert service.session_invitee(long_id).display_name == "Alex"
