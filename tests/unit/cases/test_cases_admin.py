"""Admin operations (codes, moves, purge, demo) and the migrations, on both back ends."""
import uuid
from datetime import date, datetime, time, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, select

import bot.my_views.drafts  # noqa: F401,E402  (its table shares the case database's metadata)
from bot.cases.admin import AdminError
from bot.cases.demo import load_demo
from bot.cases.models import AuditEvent, Conference, Invitee, SubmittedViews, VerifiedSession
from bot.cases.records import ConferenceInput, InviteeInput
from bot.cases.service import VerifyOutcome
from bot.storage.base import Base
from bot.storage.engine import make_engine
from bot.storage.migrate import VERSION_TABLE, alembic_config, migrate
from bot.timeutil import LONDON, london_to_utc


def count(url, model) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(model)).scalar_one()
    finally:
        engine.dispose()


def conv() -> str:
    return f"conv-{uuid.uuid4().hex}"


def test_migrations_match_the_models_and_can_rerun(db_url):
    migrate(db_url)
    migrate(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE,
                                                                   "compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            assert context.get_current_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()
    finally:
        engine.dispose()


def test_load_demo_only_into_an_empty_database(demo):
    with pytest.raises(AdminError, match="not empty"):
        load_demo(demo)


def test_describe_never_shows_codes(demo):
    case = demo.describe("cpc-demo-0001")
    text = repr(case)
    assert "scrypt" not in text and "MAPLE" not in text
    assert [i.code_status for i in case.invitees] == ["live until Sat 13 Feb 2027 10:00"] * 3
    assert case.reports_due_by == date(2027, 1, 12)


def test_issue_code_once_then_reissue(admin, service):
    admin.add_conference(ConferenceInput("CPC-A-0001", "initial", london_to_utc(date(2027, 2, 2), time(11)), False,
                                         "Hall", None, True, None, "01632 960600",
                                         [InviteeInput("Al", "parent"), InviteeInput("Bo", "carer")]))
    code = admin.issue_code("CPC-A-0001", "al")
    with pytest.raises(AdminError, match="already has a live code"):
        admin.issue_code("CPC-A-0001", "Al")
    issued = dict(admin.issue_missing_codes("CPC-A-0001"))
    assert list(issued) == ["Bo"]
    assert service.verify("CPC-A-0001", code, conv()) is VerifyOutcome.OK
    assert service.verify("CPC-A-0001", issued["Bo"], conv()) is VerifyOutcome.OK
    with pytest.raises(AdminError, match="no invitee 'Cy'"):
        admin.issue_code("CPC-A-0001", "Cy")
    with pytest.raises(AdminError, match="no case"):
        admin.issue_code("CPC-A-9999", "Al")
    admin.revoke_code("CPC-A-0001", "Al")
    with pytest.raises(AdminError, match="no code to revoke"):
        admin.revoke_code("CPC-A-0001", "Al")
    fresh = admin.issue_code("CPC-A-0001", "Al")  # a revoked code may be replaced by issuing again
    assert service.verify("CPC-A-0001", fresh, conv()) is VerifyOutcome.OK


def test_no_codes_for_a_conference_long_past(admin, clock):
    admin.add_conference(ConferenceInput("CPC-A-0002", "review", london_to_utc(date(2026, 11, 2), time(11)), False,
                                         "Hall", None, True, None, "01632 960601", [InviteeInput("Al", "parent")]))
    with pytest.raises(AdminError, match="too long ago"):
        admin.issue_code("CPC-A-0002", "Al")


def test_move_conference_moves_code_expiry_too(demo, service, clock):
    new_start = demo.move_conference("CPC-DEMO-0003", date(2027, 3, 2), time(14, 0), online=True,
                                      joining_instructions="Use the link in your letter.")
    assert new_start == datetime(2027, 3, 2, 14, 0, tzinfo=timezone.utc)
    clock.now = datetime(2027, 3, 20, tzinfo=timezone.utc)  # past the old expiry (11 March), before the new
    conversation = conv()
    assert service.verify("CPC-DEMO-0003", "ROWAN-2024", conversation) is VerifyOutcome.OK
    view = service.conference_view(conversation)
    assert view.starts_at == datetime(2027, 3, 2, 14, 0, tzinfo=LONDON)
    assert view.is_online and view.venue is None and view.joining_instructions
    with pytest.raises(AdminError, match="does not exist"):
        demo.move_conference("CPC-DEMO-0003", date(2027, 3, 28), time(1, 30), venue="Hall")


def test_purge_removes_old_cases_and_old_audit_rows(demo, service, clock, db_url):
    jordan = conv()
    assert service.verify("CPC-DEMO-0001", "WILLOW-1618", jordan) is VerifyOutcome.OK
    service.submit_views(jordan, "en", "My views.")
    service.verify("CPC-DEMO-0001", "WRONG", conv())
    audit_before = count(db_url, AuditEvent)
    # 14 Jan + 90 days = 14 April 2027; DEMO-0002 (31 March) and DEMO-0003 (9 Feb) differ.
    clock.now = datetime(2027, 5, 1, tzinfo=timezone.utc)
    result = demo.purge(older_than_days=60, audit_days=365)
    assert result.conferences == 2  # 14 Jan and 9 Feb are more than 60 days before 1 May; 31 March is not
    assert [c.reference for c in _conferences(db_url)] == ["CPC-DEMO-0002"]
    assert count(db_url, Invitee) == 1
    assert count(db_url, SubmittedViews) == 0 and count(db_url, VerifiedSession) == 0
    assert count(db_url, AuditEvent) == audit_before + 2  # kept, plus one "admin.purge" row per case
    clock.now = datetime(2028, 6, 1, tzinfo=timezone.utc)
    result = demo.purge(older_than_days=90, audit_days=365)
    assert result.conferences == 1
    assert count(db_url, AuditEvent) == 1  # only the purge row written just now is under a year old
    with pytest.raises(AdminError):
        demo.purge(older_than_days=-1, audit_days=10)


def _conferences(url):
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(select(Conference.reference)).all()
    finally:
        engine.dispose()


def test_admin_changes_are_in_the_audit_trail(demo):
    demo.share_report("CPC-DEMO-0001", "Health visitor", "Alex", date(2027, 1, 12))
    demo.set_attendance("CPC-DEMO-0001", "Jordan", "full")
    actions = [row.action for row in demo.audit_trail("CPC-DEMO-0001")]
    assert actions == ["admin.load_demo", "admin.share_report", "admin.set_attendance"]


def test_share_report_needs_a_known_report_and_invitee(demo):
    with pytest.raises(AdminError, match="no report from 'Dentist'"):
        demo.share_report("CPC-DEMO-0001", "Dentist", "Alex", None)
    with pytest.raises(AdminError, match="no invitee 'Robin'"):
        demo.share_report("CPC-DEMO-0001", "Police", "Robin", None)


def test_add_invitee_and_report(demo):
    demo.add_invitee("CPC-DEMO-0003", InviteeInput("Lee", "other", None, "ro", "full"))
    demo.add_report("CPC-DEMO-0003", "GP")
    with pytest.raises(AdminError, match="already"):
        demo.add_invitee("CPC-DEMO-0003", InviteeInput("lee", "parent"))
    with pytest.raises(AdminError, match="already"):
        demo.add_report("CPC-DEMO-0003", "gp")
    case = demo.describe("CPC-DEMO-0003")
    assert [i.name for i in case.invitees] == ["Kit", "Lee"] and [r.agency for r in case.reports] == ["GP"]


def test_list_cases(demo):
    lines = demo.list_cases()
    assert [line.split()[0] for line in lines] == ["CPC-DEMO-0001", "CPC-DEMO-0003", "CPC-DEMO-0002"]
