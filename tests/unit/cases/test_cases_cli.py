"""The admin command line, end to end, as a council officer would run it (temporary SQLite)."""
import os
import re
import subprocess
import sys
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.cases.service import CaseService, VerifyOutcome
from tests.unit.cases.testdata import HMAC_KEY, TIMESCALES

ROOT = Path(__file__).resolve().parents[3]
CODE = re.compile(r"Access code for (\w+) \(([\w-]+)\): ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})")
PROFILE = """timescales:
  reports_initial_working_days: 2
  reports_review_working_days: 3
  first_core_group_working_days: 10
  first_review_months: 3
  later_review_months: 6
  record_working_days: 20
  code_valid_days_after_conference: 30
retention:
  purge_after_days: 90
  audit_days: 365
"""


@pytest.fixture
def cli(tmp_path):
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    profile = tmp_path / "profile.yml"
    profile.write_text(PROFILE)
    env = {**os.environ, "CPC_VAR_DIR": str(tmp_path / "var"), "CASES_HMAC_KEY": HMAC_KEY.decode(),
           "DATABASE_URL": url, "COUNCIL_PROFILE": str(profile)}

    def run(*args: str, expect: int = 0) -> subprocess.CompletedProcess:
        result = subprocess.run([sys.executable, "-m", "bot", "cases", *args], cwd=ROOT, env=env, text=True,
                                capture_output=True, timeout=120)
        assert result.returncode == expect, (args, result.stdout, result.stderr)
        return result

    run.url = url
    run.tmp = tmp_path
    return run


def verify(url: str, reference: str, code: str) -> VerifyOutcome:
    service = CaseService(url, TIMESCALES, hmac_key=HMAC_KEY)  # the real clock, like the CLI
    try:
        return service.verify(reference, code, f"conv-{uuid.uuid4().hex}")
    finally:
        service.close()


def test_help_and_usage_errors(cli):
    assert "load-demo" in cli("--help").stdout
    bad_date = cli("add-conference", "CPC-C-0001", "--type", "initial", "--date", "14/01/2027", "--time", "10:00",
                   "--venue", "Hall", "--team-phone", "01632 960700", expect=2)
    assert "is not a date like 2027-01-14" in bad_date.stderr
    assert "invalid choice" in cli("frobnicate", expect=2).stderr


def test_demo_list_and_refusals(cli):
    assert "Case database is up to date" in cli("migrate").stdout
    assert "Loaded the demo: 3 cases" in cli("load-demo").stdout
    assert "not empty" in cli("load-demo", expect=1).stderr
    listing = cli("list").stdout
    assert [line.split()[0] for line in listing.splitlines()] == ["CPC-DEMO-0001", "CPC-DEMO-0003", "CPC-DEMO-0002"]
    case = cli("list", "cpc-demo-0001").stdout
    assert "Thursday 14 January 2027 at 10:00" in case
    assert "Reports due with the family by: Tuesday 12 January 2027" in case
    assert "Health visitor: Alex: not yet shared" in case
    assert "scrypt" not in case and "MAPLE" not in case.upper()
    assert "there is no case" in cli("list", "CPC-NOPE-0001", expect=1).stderr


def test_case_lifecycle(cli):
    day = date.today() + timedelta(days=20)
    cli("add-conference", "CPC-C-0002", "--type", "initial", "--date", day.isoformat(), "--time", "10:00",
        "--venue", "Room 2, Test Hall", "--team-phone", "01632 960701", "--chair-meeting-minutes", "15")
    assert "already exists" in cli("add-conference", "CPC-C-0002", "--type", "review", "--date", day.isoformat(),
                                   "--time", "10:00", "--online", "--joining-instructions", "Link in letter",
                                   "--team-phone", "01632 960701", expect=1).stderr
    cli("add-invitee", "CPC-C-0002", "Al", "--role", "parent", "--language", "pl")
    cli("add-invitee", "CPC-C-0002", "Bea", "--role", "young_person", "--age", "14", "--attendance", "part")
    cli("add-report", "CPC-C-0002", "Police")
    cli("share-report", "CPC-C-0002", "Police", "Al", "--date", (day - timedelta(days=3)).isoformat())
    cli("share-report", "CPC-C-0002", "police", "bea", "--not-yet")

    issued = cli("issue-code", "CPC-C-0002", "Al").stdout
    (name, reference, code), = CODE.findall(issued)
    assert (name, reference) == ("Al", "CPC-C-0002")
    assert verify(cli.url, "CPC-C-0002", code) is VerifyOutcome.OK
    assert "already has a live code" in cli("issue-code", "CPC-C-0002", "Al", expect=1).stderr
    everyone = CODE.findall(cli("issue-code", "CPC-C-0002", "--all").stdout)
    assert [n for n, _, _ in everyone] == ["Bea"]

    listing = cli("list", "CPC-C-0002").stdout
    assert code not in listing and "scrypt" not in listing
    assert "Al (parent), language pl, attendance full; code: live until" in listing
    assert "Police: Al: " in listing and "Bea: not yet shared" in listing

    (_, _, new_code), = CODE.findall(cli("reissue-code", "CPC-C-0002", "Al").stdout)
    assert verify(cli.url, "CPC-C-0002", code) is VerifyOutcome.DENIED
    assert verify(cli.url, "CPC-C-0002", new_code) is VerifyOutcome.OK
    cli("revoke-code", "CPC-C-0002", "Al")
    assert verify(cli.url, "CPC-C-0002", new_code) is VerifyOutcome.DENIED
    assert "revoked" in cli("list", "CPC-C-0002").stdout

    moved = cli("move-conference", "CPC-C-0002", "--date", (day + timedelta(days=7)).isoformat(), "--time", "09:00",
                "--online", "--joining-instructions", "Use the link in your letter.").stdout
    assert "09:00 (London time)" in moved
    assert "Where:  online" in cli("list", "CPC-C-0002").stdout
    cli("set-attendance", "CPC-C-0002", "Bea", "excluded")
    assert "attendance excluded" in cli("list", "CPC-C-0002").stdout

    trail = cli("audit", "cpc c 0002").stdout
    assert trail.count(" verify ") == 4 and "DENIED" in trail and "admin.issue_code" in trail
    assert code not in trail and new_code not in trail
    assert "No audit events" in cli("audit", "CPC-NEVER-0001").stdout


def test_collect_views(cli):
    cli("load-demo")
    from tests.support.clock import FakeClock
    from tests.unit.cases.testdata import DEMO_NOW

    service = CaseService(cli.url, TIMESCALES, clock=FakeClock(DEMO_NOW), hmac_key=HMAC_KEY)
    try:
        conversation = f"conv-{uuid.uuid4().hex}"
        assert service.verify("CPC-DEMO-0001", "WILLOW-1618", conversation) is VerifyOutcome.OK
        service.submit_views(conversation, "en", "I like my school and my football club.")
    finally:
        service.close()
    out = cli("collect-views", "CPC-DEMO-0001").stdout
    assert "--- Jordan (young_person)" in out and "I like my school and my football club." in out
    assert "1 submission(s) collected" in out
    assert "0 submission(s) collected" in cli("collect-views", "CPC-DEMO-0001").stdout


def test_import_is_all_or_nothing(cli):
    good = (ROOT / "data" / "demo" / "cases.csv").read_text().replace("CPC-DEMO-", "CPC-IMP-")
    bad_lines = good.splitlines()
    bad_lines[2] = bad_lines[2].replace(",parent,", ",auntie,")
    bad = cli.tmp / "bad.csv"
    bad.write_text("\n".join(bad_lines) + "\n")
    result = cli("import", str(bad), expect=1)
    assert "Import rejected: nothing was imported. 1 problem(s):" in result.stderr
    assert "line 3: role 'auntie' is not one of" in result.stderr
    assert cli("list").stdout.strip() == ""
    good_file = cli.tmp / "good.txt"
    good_file.write_text(good)
    assert "use a .csv or .json file" in cli("import", str(good_file), expect=1).stderr
    assert "Imported 3 case(s), 5 invitee(s), 5 report(s), 5 share record(s)" in cli(
        "import", str(good_file), "--format", "csv").stdout
    assert "file not found" in cli("import", str(cli.tmp / "missing.json"), expect=1).stderr


def test_purge_uses_the_profile_default(cli):
    old = date.today() - timedelta(days=100)
    recent = date.today() - timedelta(days=10)
    for reference, day in (("CPC-OLD-0001", old), ("CPC-NEW-0001", recent)):
        cli("add-conference", reference, "--type", "review", "--date", day.isoformat(), "--time", "12:00",
            "--venue", "Hall", "--team-phone", "01632 960702")
    out = cli("purge").stdout
    assert "Purged 1 case(s) whose conference was more than 90 days ago" in out
    assert [line.split()[0] for line in cli("list").stdout.splitlines()] == ["CPC-NEW-0001"]
    assert "Purged 1 case(s)" in cli("purge", "--older-than", "5").stdout


def test_missing_profile_is_a_clear_error(cli):
    cli("load-demo")
    result = cli("--profile", str(cli.tmp / "nope.yml"), "issue-code", "CPC-DEMO-0001", "Alex", expect=1)
    assert "council profile not found" in result.stderr
