"""Import conferences, invitees, reports and shares from a council's CSV or JSON export.

Both formats are first flattened into rows (kind + fields + where it came from), then every
row is checked and every problem collected with its line number. Only a file with no
problem at all is written, in one transaction: nothing is ever half-imported.
The formats are documented in docs/case-data.md.
"""
from __future__ import annotations

import csv
import io
import json
import json.scanner
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cases import validation as v
from bot.cases.models import Conference
from bot.cases.records import ConferenceInput, InviteeInput, ReportInput, ShareInput, add_conference
from bot.cases.refs import reference_key
from bot.cases.timeutil import london_to_utc

JSON_FORMAT = "cpc-cases/1"
KINDS = ("conference", "invitee", "report", "share")
FIELDS: Dict[str, Tuple[str, ...]] = {
    "conference": ("type", "date", "time", "venue", "online", "joining_instructions",
                   "chair_meets_parent_before", "chair_meeting_minutes", "team_phone"),
    "invitee": ("name", "role", "age", "language", "attendance"),
    "report": ("agency",),
    "share": ("agency", "name", "shared_on"),
}
CSV_COLUMNS: Tuple[str, ...] = ("kind", "reference") + tuple(
    dict.fromkeys(name for kind in KINDS for name in FIELDS[kind]))

T = TypeVar("T")


class ImportRejected(Exception):
    """The file was not imported; `problems` says where and why."""

    def __init__(self, problems: List["Problem"]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Problem:
    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class Row:
    kind: str
    where: str
    line: int
    values: Dict[str, Any] = field(default_factory=dict)


# -- reading ---------------------------------------------------------------------------


def read_rows(path: Path, fmt: Optional[str] = None) -> List[Row]:
    """Rows from a .csv or .json file (or `fmt` "csv"/"json"). Raises ImportRejected on bad structure."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    try:
        content = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportRejected([Problem(str(path), "file not found")]) from None
    except UnicodeDecodeError:
        raise ImportRejected([Problem(str(path), "file is not UTF-8 text")]) from None
    if fmt == "csv":
        return csv_rows(content)
    if fmt == "json":
        return json_rows(content)
    raise ImportRejected([Problem(str(path), "use a .csv or .json file (or say which with --format)")])


def csv_rows(content: str) -> List[Row]:
    reader = csv.reader(io.StringIO(content, newline=""))
    problems: List[Problem] = []
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        raise ImportRejected([Problem("line 1", "the file is empty")]) from None
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if unknown:
        problems.append(Problem("line 1", f"unknown column(s): {', '.join(unknown)}; "
                                          f"known columns are {', '.join(CSV_COLUMNS)}"))
    for needed in ("kind", "reference"):
        if needed not in header:
            problems.append(Problem("line 1", f"the column {needed!r} is missing"))
    if len(set(header)) != len(header):
        problems.append(Problem("line 1", "a column name appears twice"))
    if problems:
        raise ImportRejected(problems)
    rows: List[Row] = []
    line = reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            problems.append(Problem(f"line {start}", f"{len(cells)} cells but only {len(header)} columns"))
            continue
        values = dict(zip(header, cells))
        kind = values.pop("kind", "").strip().lower()
        rows.append(Row(kind=kind, where=f"line {start}", line=start, values=values))
    if problems:
        raise ImportRejected(problems)
    return rows


class _LinedDict(dict):
    """A JSON object that remembers the line its "{" was on."""

    line = 0


def _load_json_with_lines(content: str) -> Any:
    decoder = json.JSONDecoder()
    parse_object = decoder.parse_object

    def parse_with_line(s_and_end, *args):
        source, end = s_and_end
        obj, new_end = parse_object(s_and_end, *args)
        lined = _LinedDict(obj)
        lined.line = source.count("\n", 0, end) + 1
        return lined, new_end

    decoder.parse_object = parse_with_line
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # the pure-Python scanner uses our hook
    return decoder.decode(content)


def json_rows(content: str) -> List[Row]:
    try:
        data = _load_json_with_lines(content)
    except json.JSONDecodeError as exc:
        raise ImportRejected([Problem(f"line {exc.lineno}", f"not valid JSON: {exc.msg}")]) from None
    problems: List[Problem] = []
    rows: List[Row] = []

    def where(obj: Any, path: str) -> str:
        return f"line {getattr(obj, 'line', 1)} ({path})"

    def check_object(obj: Any, path: str, allowed: Iterable[str]) -> bool:
        if not isinstance(obj, dict):
            problems.append(Problem(where(obj, path), "must be an object { ... }"))
            return False
        extra = sorted(set(obj) - set(allowed))
        if extra:
            problems.append(Problem(where(obj, path), f"unknown field(s): {', '.join(extra)}"))
        return True

    def as_list(obj: Any, key: str, path: str) -> list:
        value = obj.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list):
            problems.append(Problem(where(obj, path), f"{key} must be a list [ ... ]"))
            return []
        return value

    def add(kind: str, obj: dict, path: str, **values: Any) -> None:
        line = getattr(obj, "line", 1)
        rows.append(Row(kind=kind, where=where(obj, path), line=line, values=values))

    if not check_object(data, "top level", ("format", "comment", "conferences")):
        raise ImportRejected(problems)
    if data.get("format", JSON_FORMAT) != JSON_FORMAT:
        problems.append(Problem(where(data, "format"), f"format must be {JSON_FORMAT!r}"))
    for i, conf in enumerate(as_list(data, "conferences", "top level")):
        path = f"conferences[{i}]"
        if not check_object(conf, path, ("reference",) + FIELDS["conference"] + ("invitees", "reports")):
            continue
        ref = conf.get("reference")
        add("conference", conf, path, reference=ref, **{k: conf.get(k) for k in FIELDS["conference"]})
        for j, inv in enumerate(as_list(conf, "invitees", path)):
            ipath = f"{path}.invitees[{j}]"
            if check_object(inv, ipath, FIELDS["invitee"]):
                add("invitee", inv, ipath, reference=ref, **{k: inv.get(k) for k in FIELDS["invitee"]})
        for j, rep in enumerate(as_list(conf, "reports", path)):
            rpath = f"{path}.reports[{j}]"
            if not check_object(rep, rpath, ("agency", "shared_with")):
                continue
            add("report", rep, rpath, reference=ref, agency=rep.get("agency"))
            for k, share in enumerate(as_list(rep, "shared_with", rpath)):
                spath = f"{rpath}.shared_with[{k}]"
                if check_object(share, spath, ("name", "shared_on")):
                    add("share", share, spath, reference=ref, agency=rep.get("agency"),
                        name=share.get("name"), shared_on=share.get("shared_on"))
    if problems:
        raise ImportRejected(problems)
    return rows


# -- checking --------------------------------------------------------------------------


class _Checker:
    def __init__(self) -> None:
        self.problems: List[Problem] = []

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
    return InviteeInput(name=name, role=role, age=age, language=lang, attendance=attendance)


def check_rows(rows: List[Row]) -> Tuple[List[ConferenceInput], List[Problem]]:
    """Validate every row; the conferences are only meaningful when there are no problems."""
    check = _Checker()
    conferences: Dict[str, ConferenceInput] = {}
    seen_line: Dict[str, str] = {}
    failed: Dict[str, ConferenceInput] = {}
    children: List[Tuple[Row, str]] = []
    for row in rows:
        if row.kind not in KINDS:
            check.problems.append(Problem(row.where, f"kind {row.kind or '(empty)'!r} is not one of "
                                                     f"{', '.join(KINDS)}"))
            continue
        stray = [name for name, value in row.values.items()
                 if name not in FIELDS[row.kind] + ("reference",) and check.get(row.where, v.text, value)]
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


def _check_children(check: _Checker, children: List[Tuple[Row, str]],
                    conferences: Dict[str, ConferenceInput]) -> None:
    names: Dict[str, Dict[str, str]] = {}
    reports: Dict[str, Dict[str, ReportInput]] = {}
    shares_seen: Dict[Tuple[str, str, str], str] = {}
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
            report = ReportInput(agency=agency)
            reports[key][agency.casefold()] = report
            conference.reports.append(report)
        else:
            agency = check.get(row.where, v.agency, row.values.get("agency"))
            name = check.get(row.where, v.first_name, row.values.get("name"))
            shared_on = check.get(row.where, v.optional_date, row.values.get("shared_on"), "shared_on")
            if agency is None or name is None or (v.text(row.values.get("shared_on")) and shared_on is None):
                continue
            report = reports.get(key, {}).get(agency.casefold())
            if report is None:
                check.problems.append(Problem(row.where, f"no report row for agency {agency!r} in {conference.reference}"))
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


def import_rows(session: Session, rows: List[Row], now: datetime) -> ImportSummary:
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


def existing_references(session: Session, conferences: List[ConferenceInput], rows: List[Row]) -> List[Problem]:
    keys = {reference_key(c.reference): c.reference for c in conferences}
    if not keys:
        return []
    taken = set(session.execute(
        select(Conference.reference_key).where(Conference.reference_key.in_(list(keys)))).scalars())
    where = {}
    for row in rows:
        if row.kind == "conference":
            where.setdefault(reference_key(v.text(row.values.get("reference"))), row.where)
    return [Problem(where.get(key, "file"), f"case {keys[key]} already exists (change it with the admin "
                                            "commands, or purge it first)")
            for key in sorted(taken)]
