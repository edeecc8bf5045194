"""Import conferences, invitees, reports and shares from a council's CSV or JSON export.

Both formats are first flattened into rows (bot/cases/import_files.py), then every row is
checked here and every problem collected with its line number. Only a file with no
problem at all is written, in one transaction: nothing is ever half-imported.
The formats are documented in docs/case-data.md.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Optional, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cases import validation as v
from bot.cases.import_files import FIELDS, KINDS, ImportRejected, Problem, Row
from bot.cases.models import Conference
from bot.cases.records import ConferenceInput, InviteeInput, ReportInput, ShareInput, add_conference
from bot.cases.refs import reference_key
from bot.timeutil import london_to_utc

T = TypeVar("T")


# -- checking --------------------------------------------------------------------------


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def get(self, where: str, parse: Callable[..., T], *args: Any) -> Optional[T]:
        try:
            return parse(*args)
        except ValueError as exc:
            self.problems.append(Problem(where, str(exc)))
            return None


def _conference(check: _Checker, row: Row, ref: str) -> Optional[ConferenceInput]:
    values, where = row.values, row.where
    before = len(check.problems)
    ctype = check.get(where, v.conference_type, values.get("type"))
    day = check.get(where, v.iso_date, values.get("date"))
    clock = check.get(where, v.clock_time, values.get("time"))
    online = check.get(where, v.yes_no, values.get("online"), "online", False)
    venue = check.get(where, v.bounded_text, values.get("venue"), "venue", 200, False)
    joining = check.get(where, v.bounded_text, values.get("joining_instructions"), "joining_instructions",
                        1000, False)
    chair = check.get(where, v.yes_no, values.get("chair_meets_parent_before"), "chair_meets_parent_before",
                      True)
    minutes = check.get(where, v.whole_number, values.get("chair_meeting_minutes"), "chair_meeting_minutes",
                        0, 180)
    team_phone = check.get(where, v.phone, values.get("team_phone"))
    starts_at = None
    if day is not None and clock is not None:
        starts_at = check.get(where, london_to_utc, day, clock)
    if online is True:
        if not joining:
            check.problems.append(Problem(where, "an online conference needs joining_instructions"))
        if venue:
            check.problems.append(Problem(where, "an online conference must not have a venue"))
    elif online is False:
        if not venue:
            check.problems.append(Problem(where, "venue is empty (or set online to yes)"))
        if joining:
            check.problems.append(Problem(where, "joining_instructions are only for online conferences"))
    if chair is False and minutes is not None:
        check.problems.append(Problem(where, "chair_meeting_minutes given but chair_meets_parent_before is no"))
    if len(check.problems) != before:
        return None
    # each check that gave None added a problem above
    assert ctype is not None and starts_at is not None and online is not None and chair is not None
    assert team_phone is not None
    return ConferenceInput(reference=ref, conference_type=ctype, starts_at=starts_at, is_online=online,
                           venue=venue, joining_instructions=joining, chair_meets_parent_before=chair,
                           chair_meeting_minutes=minutes, team_phone=team_phone)


def _invitee(check: _Checker, row: Row) -> Optional[InviteeInput]:
    values, where = row.values, row.where
    before = len(check.problems)
    name = check.get(where, v.first_name, values.get("name"))
    role = check.get(where, v.role, values.get("role"))
    age = check.get(where, v.whole_number, values.get("age"), "age", 0, 25)
    lang = check.get(where, v.language, values.get("language"))
    attendance = check.get(where, v.attendance, values.get("attendance"))
    if len(check.problems) != before:
        return None
    assert name is not None and role is not None and lang is not None and attendance is not None
    return InviteeInput(name=name, role=role, age=age, language=lang, attendance=attendance)


def check_rows(rows: list[Row]) -> tuple[list[ConferenceInput], list[Problem]]:
    """Validate every row; the conferences are only meaningful when there are no problems."""
    check = _Checker()
    conferences: dict[str, ConferenceInput] = {}
    seen_line: dict[str, str] = {}
    failed: dict[str, ConferenceInput] = {}
    children: list[tuple[Row, str]] = []
    for row in rows:
        if row.kind not in KINDS:
            check.problems.append(Problem(row.where, f"kind {row.kind or '(empty)'!r} is not one of "
                                                     f"{', '.join(KINDS)}"))
            continue
        allowed = FIELDS[row.kind] + ("reference",)
        stray = [name for name, value in row.values.items()
                 if name not in allowed and check.get(row.where, v.text, value) not in (None, "")]
        if stray:
            check.problems.append(Problem(row.where, f"{', '.join(stray)} must be empty on a {row.kind} row"))
        ref = check.get(row.where, v.reference, row.values.get("reference"))
        if ref is None:
            continue
        key = reference_key(ref)
        if row.kind != "conference":
            children.append((row, key))
            continue
        if key in seen_line:
            check.problems.append(Problem(row.where, f"reference {ref} is already on {seen_line[key]}"))
            continue
        seen_line[key] = row.where
        conference = _conference(check, row, ref)
        if conference is None or stray:
            # Keep checking this case's other rows against a stand-in, so every problem in
            # the file is reported at once; the stand-in is never returned.
            failed[key] = _stand_in(ref)
        else:
            conferences[key] = conference
    _check_children(check, children, {**failed, **conferences})
    return list(conferences.values()), check.problems


def _stand_in(ref: str) -> ConferenceInput:
    return ConferenceInput(reference=ref, conference_type="initial", starts_at=datetime.min, is_online=False,
                           venue=None, joining_instructions=None, chair_meets_parent_before=True,
                           chair_meeting_minutes=None, team_phone="")


def _quietly(parse: Callable[[Any], T], value: Any) -> Optional[T]:
    try:
        return parse(value)
    except ValueError:
        return None


def _check_children(check: _Checker, children: list[tuple[Row, str]],
                    conferences: dict[str, ConferenceInput]) -> None:
    names: dict[str, dict[str, str]] = {}
    reports: dict[str, dict[str, ReportInput]] = {}
    shares_seen: dict[tuple[str, str, str], str] = {}
    # Invitees and reports first, so shares may come before them in the file.
    order = {"invitee": 0, "report": 1, "share": 2}
    for row, key in sorted(children, key=lambda item: (order[item[0].kind], item[0].line)):
        if key not in conferences:
            check.problems.append(Problem(row.where, f"no conference row for reference "
                                                     f"{v.text(row.values.get('reference'))}"))
            continue
        conference = conferences[key]
        if row.kind == "invitee":
            invitee = _invitee(check, row)
            # A row with a bad role (say) still names someone: remember the name so the
            # shares for that person do not add a second, misleading problem.
            name = invitee.name if invitee else _quietly(v.first_name, row.values.get("name"))
            if name is None:
                continue
            folded = name.casefold()
            if folded in names.setdefault(key, {}):
                check.problems.append(Problem(row.where, f"invitee {name} is already on {names[key][folded]}"))
                continue
            names[key][folded] = row.where
            if invitee is not None:
                conference.invitees.append(invitee)
        elif row.kind == "report":
            agency = check.get(row.where, v.agency, row.values.get("agency"))
            if agency is None:
                continue
            if agency.casefold() in reports.setdefault(key, {}):
                check.problems.append(Problem(row.where, f"report from {agency} is listed twice"))
                continue
            new_report = ReportInput(agency=agency)
            reports[key][agency.casefold()] = new_report
            conference.reports.append(new_report)
        else:
            agency = check.get(row.where, v.agency, row.values.get("agency"))
            name = check.get(row.where, v.first_name, row.values.get("name"))
            shared_on = check.get(row.where, v.optional_date, row.values.get("shared_on"), "shared_on")
            if agency is None or name is None or (v.text(row.values.get("shared_on")) and shared_on is None):
                continue
            report = reports.get(key, {}).get(agency.casefold())
            if report is None:
                check.problems.append(
                    Problem(row.where, f"no report row for agency {agency!r} in {conference.reference}"))
                continue
            if name.casefold() not in names.get(key, {}):
                check.problems.append(Problem(row.where, f"no invitee {name!r} in {conference.reference}"))
                continue
            seen_key = (key, agency.casefold(), name.casefold())
            if seen_key in shares_seen:
                check.problems.append(Problem(row.where, f"the {agency} report for {name} is already on "
                                                         f"{shares_seen[seen_key]}"))
                continue
            shares_seen[seen_key] = row.where
            report.shares.append(ShareInput(name=name, shared_on=shared_on))


# -- writing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportSummary:
    conferences: int
    invitees: int
    reports: int
    shares: int


def import_rows(session: Session, rows: list[Row], now: datetime) -> ImportSummary:
    """Check every row, then write everything in the caller's transaction, or raise ImportRejected."""
    conferences, problems = check_rows(rows)
    if not problems:
        problems = existing_references(session, conferences, rows)
    if problems:
        raise ImportRejected(problems)
    if not conferences:
        raise ImportRejected([Problem("file", "there is nothing to import")])
    for conference in conferences:
        add_conference(session, conference, now)
    return ImportSummary(
        conferences=len(conferences),
        invitees=sum(len(c.invitees) for c in conferences),
        reports=sum(len(c.reports) for c in conferences),
        shares=sum(len(r.shares) for c in conferences for r in c.reports),
    )


def existing_references(session: Session, conferences: list[ConferenceInput], rows: list[Row]) -> list[Problem]:
    keys = {reference_key(c.reference): c.reference for c in conferences}
    if not keys:
        return []
    taken = set(session.execute(
        select(Conference.reference_key).where(Conference.reference_key.in_(list(keys)))).scalars())
    where: dict[str, str] = {}
    for row in rows:
        if row.kind == "conference":
            where.setdefault(reference_key(v.text(row.values.get("reference"))), row.where)
    return [Problem(where.get(key, "file"), f"case {keys[key]} already exists (change it with the admin "
                                            "commands, or purge it first)")
            for key in sorted(taken)]
