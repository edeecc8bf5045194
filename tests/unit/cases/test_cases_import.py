"""Importing a council's CSV or JSON export: every row checked first, all or nothing."""
import json
from datetime import date, time

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from bot.cases.import_files import CSV_COLUMNS, ImportRejected, Problem, Row, csv_rows, json_rows
from bot.cases.importer import check_rows
from bot.cases.models import Conference, Invitee, Report, ReportShare
from bot.cases.records import ConferenceInput, InviteeInput, add_conference
from bot.settings import DATA_DIR
from bot.storage.engine import make_engine, make_session_factory, transaction
from bot.timeutil import london_to_utc

HEADER = ",".join(CSV_COLUMNS)


def csv_line(**cells) -> str:
    return ",".join(_quote(cells.get(column, "")) for column in CSV_COLUMNS)


def _quote(value) -> str:
    value = str(value)
    return f'"{value}"' if "," in value else value


GOOD_CSV = "\n".join([
    HEADER,
    csv_line(kind="conference", reference="CPC-T-0001", type="initial", date="2027-01-14", time="10:00",
             online="no", venue="Room 1, Test Hall", team_phone="01632 960555", chair_meeting_minutes="15"),
    csv_line(kind="invitee", reference="CPC-T-0001", name="Ola", role="parent", language="pl"),
    csv_line(kind="invitee", reference="CPC-T-0001", name="Ben", role="young_person", age="14", attendance="part"),
    csv_line(kind="report", reference="CPC-T-0001", agency="Police"),
    csv_line(kind="share", reference="CPC-T-0001", agency="Police", name="Ola", shared_on="2027-01-11"),
    csv_line(kind="share", reference="CPC-T-0001", agency="Police", name="Ben"),
    csv_line(kind="conference", reference="CPC-T-0002", type="pre-birth", date="2027-02-01", time="13:30",
             online="yes", joining_instructions="Use the link in your letter.", team_phone="01632 960556"),
    csv_line(kind="invitee", reference="CPC-T-0002", name="Mo", role="carer"),
]) + "\n"


def count(url, model) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(model)).scalar_one()
    finally:
        engine.dispose()


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def reasons(exc_info) -> str:
    return "\n".join(str(p) for p in exc_info.value.problems)


def test_good_csv_is_imported(admin, db_url, tmp_path):
    summary = admin.import_file(write(tmp_path, "cases.csv", GOOD_CSV))
    assert (summary.conferences, summary.invitees, summary.reports, summary.shares) == (2, 3, 1, 2)
    case = admin.describe("CPC-T-0001")
    assert case.starts_at.hour == 10 and case.venue == "Room 1, Test Hall" and case.chair_meeting_minutes == 15
    assert [(i.name, i.role, i.age, i.language, i.attendance, i.code_status) for i in case.invitees] == [
        ("Ola", "parent", None, "pl", "full", "no code"), ("Ben", "young_person", 14, "en", "part", "no code")]
    assert case.reports[0].shares == (("Ben", None), ("Ola", date(2027, 1, 11)))
    online = admin.describe("CPC-T-0002")
    assert online.conference_type == "pre_birth" and online.is_online and online.venue is None


def test_one_bad_row_rejects_the_whole_file_and_names_its_line(admin, db_url, tmp_path):
    bad = GOOD_CSV.splitlines()
    bad[3] = csv_line(kind="invitee", reference="CPC-T-0001", name="Ben", role="brother")  # line 4
    with pytest.raises(ImportRejected) as exc_info:
        admin.import_file(write(tmp_path, "cases.csv", "\n".join(bad) + "\n"))
    assert "line 4: role 'brother' is not one of parent, carer, young_person, other" in reasons(exc_info)
    for model in (Conference, Invitee, Report, ReportShare):
        assert count(db_url, model) == 0


def test_all_problems_are_listed_with_line_numbers(tmp_path, admin):
    text = "\n".join([
        HEADER,
        csv_line(kind="conference", reference="CPC-T-0003", type="initial", date="2027-02-30", time="25:00",
                 team_phone="12"),
        csv_line(kind="conference", reference="CPC-T-0004", type="review", date="2027-03-28", time="01:30",
                 venue="Hall", team_phone="01632 960557"),
        csv_line(kind="invitee", reference="CPC-T-0004", name="Jo Smith", role="parent"),
        csv_line(kind="invitee", reference="CPC-T-0004", name="Al", role="parent", age="40"),
        csv_line(kind="share", reference="CPC-T-0004", agency="School", name="Al"),
        csv_line(kind="invitee", reference="CPC-T-9999", name="Zed", role="parent"),
        csv_line(kind="meeting", reference="CPC-T-0004"),
        csv_line(kind="report", reference="CPC-T-0004", agency="Police", name="Al"),
    ]) + "\n"
    with pytest.raises(ImportRejected) as exc_info:
        admin.import_file(write(tmp_path, "bad.csv", text))
    found = reasons(exc_info)
    expected = [
        "line 2: date '2027-02-30' is not a date like 2027-01-14",
        "line 2: time '25:00' is not a 24-hour time like 09:30",
        "line 2: team_phone '12' is not a phone number",
        "line 2: venue is empty",
        "line 3: 2027-03-28 01:30 does not exist in London",
        "line 4: name 'Jo Smith' must be a first name only",
        "line 5: age 40 must be between 0 and 25",
        "line 6: no report row for agency 'School' in CPC-T-0004",
        "line 8: kind 'meeting' is not one of conference, invitee, report, share",
        "line 7: no conference row for reference CPC-T-9999",
        "line 9: name must be empty on a report row",
    ]
    for text_part in expected:
        assert text_part in found, found


def test_cross_row_checks(tmp_path, admin):
    text = "\n".join([
        HEADER,
        csv_line(kind="conference", reference="CPC-T-0005", type="initial", date="2027-02-01", time="10:00",
                 venue="Hall", team_phone="01632 960558"),
        csv_line(kind="conference", reference="cpc t 0005", type="initial", date="2027-02-01", time="10:00",
                 venue="Hall", team_phone="01632 960558"),
        csv_line(kind="invitee", reference="CPC-T-0005", name="Al", role="parent"),
        csv_line(kind="invitee", reference="CPC-T-0005", name="al", role="carer"),
        csv_line(kind="report", reference="CPC-T-0005", agency="Police"),
        csv_line(kind="share", reference="CPC-T-0005", agency="Police", name="Bea"),
        csv_line(kind="share", reference="CPC-T-0005", agency="School", name="Al"),
        csv_line(kind="share", reference="CPC-T-0005", agency="Police", name="Al", shared_on="2027-01-30"),
        csv_line(kind="share", reference="CPC-T-0005", agency="Police", name="AL", shared_on="2027-01-29"),
    ]) + "\n"
    with pytest.raises(ImportRejected) as exc_info:
        admin.import_file(write(tmp_path, "bad.csv", text))
    found = reasons(exc_info)
    for text_part in ["line 3: reference CPC T 0005 is already on line 2",
                      "line 5: invitee al is already on line 4",
                      "line 7: no invitee 'Bea' in CPC-T-0005",
                      "line 8: no report row for agency 'School'",
                      "line 10: the Police report for AL is already on line 9"]:
        assert text_part in found, found


def test_existing_case_rejects_the_whole_file(admin, db_url, tmp_path):
    admin.import_file(write(tmp_path, "first.csv", "\n".join(GOOD_CSV.splitlines()[:4]) + "\n"))
    assert count(db_url, Conference) == 1
    with pytest.raises(ImportRejected) as exc_info:
        admin.import_file(write(tmp_path, "again.csv", GOOD_CSV))
    assert "line 2: case CPC-T-0001 already exists" in reasons(exc_info)
    assert count(db_url, Conference) == 1 and count(db_url, Invitee) == 2  # CPC-T-0002 was not added either


def test_a_database_failure_mid_import_leaves_nothing(admin, db_url, clock):
    """Even past validation, the write is one transaction: a failure on the last
    conference rolls back the earlier ones."""

    def conference(reference: str) -> ConferenceInput:
        return ConferenceInput(reference, "initial", london_to_utc(date(2027, 2, 1), time(10)), False, "Hall", None,
                               True, None, "01632 960559", [InviteeInput("Al", "parent")])

    admin.add_conference(conference("CPC-T-0007"))
    engine = make_engine(db_url)
    with pytest.raises(IntegrityError), transaction(make_session_factory(engine)) as session:
        add_conference(session, conference("CPC-T-0006"), clock())
        add_conference(session, conference("CPC-T-0007"), clock())  # unique key violation
    engine.dispose()
    assert count(db_url, Conference) == 1 and count(db_url, Invitee) == 1


def test_good_json_with_line_numbers_for_problems(admin, db_url, tmp_path):
    document = json.loads((DATA_DIR / "demo" / "cases.json").read_text())
    document["conferences"][0]["reference"] = "CPC-J-0001"
    document["conferences"] = document["conferences"][:1]
    admin.import_file(write(tmp_path, "good.json", json.dumps(document, indent=2)))
    assert count(db_url, Conference) == 1
    document["conferences"][0]["reference"] = "CPC-J-0002"
    document["conferences"][0]["invitees"][1]["attendance"] = "sometimes"
    document["conferences"][0]["reports"][2]["shared_with"][0]["shared_on"] = "13/01/2027"
    text = json.dumps(document, indent=2)
    with pytest.raises(ImportRejected) as exc_info:
        admin.import_file(write(tmp_path, "bad.json", text))
    lines = text.splitlines()
    sam_line = next(n for n, line in enumerate(lines, 1) if '"Sam"' in line) - 1  # the "{" above "name"
    found = reasons(exc_info)
    assert f"line {sam_line} (conferences[0].invitees[1]): attendance 'sometimes' is not one of" in found, found
    assert "(conferences[0].reports[2].shared_with[0]): shared_on '13/01/2027' is not a date" in found, found
    assert count(db_url, Conference) == 1


def test_json_structure_problems():
    with pytest.raises(ImportRejected) as exc_info:
        json_rows('{"conferences": [{"reference": "CPC-X-0001", "colour": "red", "invitees": {}}]}')
    found = reasons(exc_info)
    assert "unknown field(s): colour" in found and "invitees must be a list" in found
    with pytest.raises(ImportRejected) as exc_info:
        json_rows('{"conferences": [\n  {"reference": "CPC-X-0001",,}\n]}')
    assert reasons(exc_info).startswith("line 2: not valid JSON")


def test_csv_structure_problems():
    with pytest.raises(ImportRejected) as exc_info:
        csv_rows("kind,reference,colour\nconference,CPC-X-0001,red\n")
    assert "line 1: unknown column(s): colour" in reasons(exc_info)
    with pytest.raises(ImportRejected) as exc_info:
        csv_rows("kind,reference\nconference,CPC-X-0001,extra\n")
    assert "line 2: 3 cells but only 2 columns" in reasons(exc_info)


def test_empty_file_is_rejected(admin, tmp_path):
    with pytest.raises(ImportRejected) as exc_info:
        admin.import_file(write(tmp_path, "empty.csv", HEADER + "\n"))
    assert "nothing to import" in reasons(exc_info)


def test_demo_csv_and_json_hold_the_same_cases(sqlite_url, tmp_path):
    def load(path):
        rows = json_rows(path.read_text()) if path.suffix == ".json" else csv_rows(path.read_text())
        conferences, problems = check_rows(rows)
        assert problems == []
        return conferences

    assert load(DATA_DIR / "demo" / "cases.json") == load(DATA_DIR / "demo" / "cases.csv")


def test_problem_formatting():
    assert str(Problem("line 3", "role 'x' is wrong")) == "line 3: role 'x' is wrong"
    assert Row("invitee", "line 3", 3).values == {}


def test_the_documented_examples_are_valid():
    doc = (DATA_DIR.parent / "docs" / "case-data.md").read_text()
    csv_example = doc.split("```csv\n")[1].split("```")[0]
    json_example = doc.split("```json\n")[1].split("```")[0]
    for rows in (csv_rows(csv_example), json_rows(json_example)):
        conferences, problems = check_rows(rows)
        assert problems == [] and len(conferences) == 1
