"""What each verified invitee sees (the per-person visibility rules), on both back ends."""
import uuid
from datetime import date, datetime

import pytest

from bot.cases.service import VerifyOutcome
from bot.timeutil import LONDON
from tests.unit.cases.testdata import DEMO_CODES


@pytest.fixture
def login(demo, service):
    """login("CPC-DEMO-0001", "Alex") -> a verified conversation id."""

    def _login(reference: str, name: str) -> str:
        conversation = f"conv-{uuid.uuid4().hex}"
        assert service.verify(reference, DEMO_CODES[(reference, name)], conversation) is VerifyOutcome.OK
        return conversation

    return _login


def test_parent_sees_time_venue_and_chair_meeting(service, login):
    view = service.conference_view(login("CPC-DEMO-0001", "Alex"))
    assert view.conference_type == "initial"
    assert view.date == date(2027, 1, 14)
    assert view.starts_at == datetime(2027, 1, 14, 10, 0, tzinfo=LONDON)
    assert view.starts_at.strftime("%A") == "Thursday"
    assert (view.is_online, view.venue, view.joining_instructions) == (False, "Meeting Room 3, Demo Civic Centre", None)
    assert (view.chair_meets_parent_before, view.chair_meeting_minutes) == (True, 15)
    assert view.team_phone.startswith("01632 960")
    assert not view.excluded and not view.details_withheld and not view.attends_part_only
    assert view.may_bring_supporter and view.may_ask_for_interpreter
    assert view.views_heard_ways == () and not view.explain_how_to_complain


def test_excluded_parent_sees_the_date_only_and_how_views_are_heard(service, login):
    view = service.conference_view(login("CPC-DEMO-0001", "Sam"))
    assert view.date == date(2027, 1, 14)
    assert view.starts_at is None and view.venue is None and view.joining_instructions is None
    assert view.is_online is None and view.chair_meets_parent_before is None and view.chair_meeting_minutes is None
    assert view.excluded and view.details_withheld
    assert view.explain_how_views_heard and view.explain_how_to_complain
    assert set(view.views_heard_ways) == {"letter_to_chair", "advocate", "social_worker"}
    assert view.team_phone  # they can still call the team
    assert not view.may_bring_supporter


def test_excluded_invitee_of_an_online_conference_gets_no_joining_details(demo, service, login):
    demo.set_attendance("CPC-DEMO-0002", "Robin", "excluded")
    view = service.conference_view(login("CPC-DEMO-0002", "Robin"))
    assert view.joining_instructions is None and view.is_online is None and view.starts_at is None
    assert view.date == date(2027, 3, 31)


def test_online_conference_gives_joining_instructions_not_a_venue(service, login):
    view = service.conference_view(login("CPC-DEMO-0002", "Robin"))
    assert view.conference_type == "review"
    assert view.is_online is True and view.venue is None
    assert "link" in view.joining_instructions
    assert view.starts_at == datetime(2027, 3, 31, 14, 0, tzinfo=LONDON)  # BST: 13:00 UTC
    assert view.invitee.language == "pl"


def test_young_person_attending_part(service, login):
    view = service.conference_view(login("CPC-DEMO-0001", "Jordan"))
    assert view.attends_part_only and view.invitee.role == "young_person" and view.invitee.age == 13
    assert view.starts_at is not None and view.venue is not None


def test_parent_sees_their_reports_with_due_dates(service, login):
    reports = {r.agency: r for r in service.reports_view(login("CPC-DEMO-0001", "Alex"))}
    assert set(reports) == {"Children's Social Care", "Police", "School", "Health visitor"}
    assert all(r.due_by == date(2027, 1, 12) for r in reports.values())
    assert (reports["Children's Social Care"].shared_on, reports["Children's Social Care"].on_time) == (
        date(2027, 1, 11), True)
    assert (reports["Police"].shared_on, reports["Police"].on_time) == (date(2027, 1, 8), True)
    assert (reports["School"].shared_on, reports["School"].on_time) == (date(2027, 1, 13), False)
    health = reports["Health visitor"]
    assert (health.shared_on, health.on_time, health.overdue) == (None, None, True)  # today is 13 Jan


def test_not_shared_report_is_not_overdue_before_its_due_date(service, login, clock):
    clock.now = clock.now.replace(day=12)
    health = [r for r in service.reports_view(login("CPC-DEMO-0001", "Alex")) if r.shared_on is None]
    assert [(r.agency, r.overdue) for r in health] == [("Health visitor", False)]


def test_review_report_due_date_counts_round_easter(service, login):
    reports = service.reports_view(login("CPC-DEMO-0002", "Robin"))
    assert [(r.agency, r.shared_on, r.due_by) for r in reports] == [
        ("Children's Social Care", None, date(2027, 3, 24))]


def test_parent_sees_reports_not_yet_shared_with_them(service, login):
    """Reports shared with Alex are, for Sam, reports not yet shared with Sam."""
    reports = service.reports_view(login("CPC-DEMO-0001", "Sam"))
    assert len(reports) == 4 and all(r.shared_on is None for r in reports)


def test_young_person_sees_only_what_is_recorded_for_them(demo, service, login):
    jordan = login("CPC-DEMO-0001", "Jordan")
    assert service.reports_view(jordan) == []
    demo.share_report("CPC-DEMO-0001", "Health visitor", "Jordan", None)  # due to be shared with Jordan
    assert [(r.agency, r.shared_on) for r in service.reports_view(jordan)] == [("Health visitor", None)]
    demo.share_report("CPC-DEMO-0001", "School", "Jordan", date(2027, 1, 11))
    assert [(r.agency, r.shared_on, r.on_time) for r in service.reports_view(jordan)] == [
        ("School", date(2027, 1, 11), True), ("Health visitor", None, None)]


def test_nobody_sees_another_case(service, login):
    kit = login("CPC-DEMO-0003", "Kit")
    assert service.conference_view(kit).reference == "CPC-DEMO-0003"
    assert service.reports_view(kit) == []
    assert service.conference_view("conv-never-verified") is None
    assert service.reports_view("conv-never-verified") is None


def test_timescales_for_an_initial_conference(service, login):
    view = service.timescales_view(login("CPC-DEMO-0001", "Alex"))
    assert view.conference_date == date(2027, 1, 14)
    assert view.first_core_group_by == date(2027, 1, 28)
    assert view.first_review_by == date(2027, 4, 14)
    assert view.next_review_by == date(2027, 10, 14)
    assert view.record_by == date(2027, 2, 11)
    assert not view.first_review_may_be_sooner


def test_timescales_for_a_review_conference(service, login):
    view = service.timescales_view(login("CPC-DEMO-0002", "Robin"))
    assert view.first_core_group_by is None and view.first_review_by is None
    assert view.next_review_by == date(2027, 9, 30)
    assert view.record_by == date(2027, 4, 28)  # 20 working days after Wed 31 March 2027


def test_submitted_views_reach_the_case_record_once(demo, service, login):
    jordan = login("CPC-DEMO-0001", "Jordan")
    receipt = service.submit_views(jordan, "en", "  I want to stay at my school.  ")
    assert receipt is not None and receipt.id
    with pytest.raises(ValueError):
        service.submit_views(jordan, "en", "   ")
    assert service.submit_views("conv-never-verified", "en", "hello") is None
    collected = demo.collect_views("CPC-DEMO-0001")
    assert [(c.name, c.role, c.content, c.language) for c in collected] == [
        ("Jordan", "young_person", "I want to stay at my school.", "en")]
    assert demo.collect_views("CPC-DEMO-0001") == []
