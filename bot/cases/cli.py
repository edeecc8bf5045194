"""Admin command line for case data: `python -m bot cases <command> ...` (see --help).

Exit status: 0 done, 1 refused (bad data, unknown case, import rejected...), 2 bad usage.
Codes are printed only by issue-code and reissue-code, once; nothing prints a hash.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Optional

from sqlalchemy.exc import SQLAlchemyError

from bot.cases import validation as v
from bot.cases.admin import AdminError, CaseAdmin
from bot.cases.demo import load_demo
from bot.cases.import_files import ImportRejected
from bot.cases.records import ConferenceInput, InviteeInput
from bot.cases.summaries import CaseSummary
from bot.profile import ProfileError, ProfileNotFound, Retention, Timescales, read_profile_file
from bot.settings import load_settings
from bot.storage.migrate import migrate
from bot.timeutil import london_to_utc, to_london

PROG = "python -m bot cases"


def _typed(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """Use a validation function as an argparse type (bad values become usage errors)."""

    def convert(raw: str) -> Any:
        try:
            return parse(raw)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    convert.__name__ = parse.__name__
    return convert


def _days(raw: str) -> int:
    return v.whole_number(raw, "days", 0, 100000)  # type: ignore[return-value]


def _age(raw: str) -> Optional[int]:
    return v.whole_number(raw, "age", 0, 25)


def _minutes(raw: str) -> Optional[int]:
    return v.whole_number(raw, "minutes", 0, 180)


def _add_place(parser: argparse.ArgumentParser) -> None:
    place = parser.add_mutually_exclusive_group(required=True)
    place.add_argument("--venue", help="where the conference is held")
    place.add_argument("--online", action="store_true", help="the conference is online")
    parser.add_argument("--joining-instructions", help="how to join (online conferences only)")


def build_parser(prog: str = PROG) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Manage Child Protection Conference case data.")
    parser.add_argument("--database-url", help="default: DATABASE_URL or the SQLite file under var/")
    parser.add_argument("--profile", type=Path, help="council profile YAML (default: COUNCIL_PROFILE)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("migrate", help="create or upgrade the case tables")

    p = sub.add_parser("import", help="import cases from a CSV or JSON file (all or nothing)")
    p.add_argument("file", type=Path)
    p.add_argument("--format", choices=("csv", "json"), help="default: from the file name")

    p = sub.add_parser("add-conference", help="add one conference")
    p.add_argument("reference", type=_typed(v.reference))
    p.add_argument("--type", required=True, type=_typed(v.conference_type), dest="conference_type")
    p.add_argument("--date", required=True, type=_typed(v.iso_date), help="YYYY-MM-DD")
    p.add_argument("--time", required=True, type=_typed(v.clock_time), help="HH:MM, London time")
    _add_place(p)
    p.add_argument("--team-phone", required=True, type=_typed(v.phone), help="the social worker's team line")
    chair = p.add_mutually_exclusive_group()
    chair.add_argument("--chair-meeting-minutes", type=_typed(_minutes),
                       help="the chair meets the parent this many minutes before")
    chair.add_argument("--no-chair-meeting", action="store_true", help="the chair does not meet the parent before")

    p = sub.add_parser("add-invitee", help="add an invitee to a conference")
    p.add_argument("reference")
    p.add_argument("name", type=_typed(v.first_name), help="first name only")
    p.add_argument("--role", required=True, type=_typed(v.role))
    p.add_argument("--age", type=_typed(_age))
    p.add_argument("--language", default="en", type=_typed(v.language))
    p.add_argument("--attendance", default="full", type=_typed(v.attendance))

    p = sub.add_parser("add-report", help="add an agency report to a conference")
    p.add_argument("reference")
    p.add_argument("agency", type=_typed(v.agency))

    p = sub.add_parser("move-conference", help="new date, time and venue (or online details)")
    p.add_argument("reference")
    p.add_argument("--date", required=True, type=_typed(v.iso_date))
    p.add_argument("--time", required=True, type=_typed(v.clock_time))
    _add_place(p)

    p = sub.add_parser("set-attendance", help="full, part or excluded (the chair's decision)")
    p.add_argument("reference")
    p.add_argument("name")
    p.add_argument("attendance", type=_typed(v.attendance))

    p = sub.add_parser("share-report", help="record a report as shared with an invitee")
    p.add_argument("reference")
    p.add_argument("agency")
    p.add_argument("name")
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", type=_typed(v.iso_date), help="the date it was shared, YYYY-MM-DD")
    when.add_argument("--not-yet", action="store_true", help="due to be shared with this person, not yet shared")

    p = sub.add_parser("issue-code", help="issue an access code (printed once)")
    p.add_argument("reference")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("name", nargs="?")
    who.add_argument("--all", action="store_true", help="every invitee without a live code")

    for name, text in (("revoke-code", "stop an access code working now"),
                       ("reissue-code", "replace an access code (the new one is printed once)")):
        p = sub.add_parser(name, help=text)
        p.add_argument("reference")
        p.add_argument("name")

    p = sub.add_parser("list", help="show a case (never codes); without a reference, list all cases")
    p.add_argument("reference", nargs="?")

    p = sub.add_parser("audit", help="print the audit trail for a reference")
    p.add_argument("reference")

    p = sub.add_parser("purge", help="delete cases whose conference was long ago, and old audit rows")
    p.add_argument("--older-than", type=_typed(_days), metavar="DAYS",
                   help="default: retention.purge_after_days in the profile, or 90")
    p.add_argument("--audit-days", type=_typed(_days), metavar="DAYS",
                   help="default: retention.audit_days in the profile, or 365")

    p = sub.add_parser("collect-views", help="print submitted views for a case and mark them collected")
    p.add_argument("reference")

    sub.add_parser("load-demo", help="load the fictional demo cases into an EMPTY database")
    return parser


class _Context:
    def __init__(self, args: argparse.Namespace) -> None:
        settings = load_settings()
        self.url: str = args.database_url or settings.database_url
        self.profile_path: Path = args.profile or settings.council_profile
        self._profile: Optional[dict] = None

    def profile(self) -> dict:
        if self._profile is None:
            self._profile = read_profile_file(self.profile_path)
        return self._profile

    def timescales(self, required: bool) -> Optional[Timescales]:
        try:
            return Timescales.from_mapping(self.profile().get("timescales"))
        except ProfileError as exc:
            if required:
                raise AdminError(str(exc)) from None
            return None

    def retention(self) -> Retention:
        try:
            return Retention.from_mapping(self.profile().get("retention"))
        except ProfileNotFound:
            return Retention()

    def admin(self, needs_timescales: bool = False) -> CaseAdmin:
        return CaseAdmin(self.url, self.timescales(required=needs_timescales))


def _long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _when(moment: datetime) -> str:
    return f"{_long_date(moment.date())} at {moment:%H:%M} (London time)"


def _print_case(case: CaseSummary) -> None:
    print(f"Case {case.reference}: {case.conference_type.replace('_', '-')} conference")
    print(f"  When:   {_when(case.starts_at)}")
    if case.is_online:
        print("  Where:  online")
        print(f"  Join:   {case.joining_instructions}")
    else:
        print(f"  Where:  {case.venue}")
    if case.chair_meets_parent_before:
        minutes = f" ({case.chair_meeting_minutes} minutes before)" if case.chair_meeting_minutes else ""
        print(f"  Chair meets parents before: yes{minutes}")
    else:
        print("  Chair meets parents before: no")
    print(f"  Team phone: {case.team_phone}")
    if case.reports_due_by:
        print(f"  Reports due with the family by: {_long_date(case.reports_due_by)}")
    print("  Invitees:")
    for i in case.invitees or ():
        age = f", {i.age}" if i.age is not None else ""
        print(f"    {i.name} ({i.role}{age}), language {i.language}, attendance {i.attendance}; code: {i.code_status}")
    if not case.invitees:
        print("    (none)")
    print("  Reports:")
    for r in case.reports:
        shares = "; ".join(f"{name}: {shared.isoformat() if shared else 'not yet shared'}"
                           for name, shared in r.shares) or "no share recorded"
        print(f"    {r.agency}: {shares}")
    if not case.reports:
        print("    (none)")


def _print_code(reference: str, name: str, code: str) -> None:
    print(f"Access code for {name} ({reference}): {code}")


def run(args: argparse.Namespace) -> int:
    ctx = _Context(args)
    command = args.command
    if command == "migrate":
        migrate(ctx.url)
        print("Case database is up to date.")
        return 0
    if command == "load-demo":
        summary = load_demo(ctx.admin(needs_timescales=True))
        print(f"Loaded the demo: {summary.conferences} cases, {summary.invitees} invitees, "
              f"{summary.reports} reports. Demo codes are in data/demo/demo-codes.json.")
        return 0
    if command == "import":
        summary = ctx.admin().import_file(args.file, args.format)
        print(f"Imported {summary.conferences} case(s), {summary.invitees} invitee(s), {summary.reports} report(s), "
              f"{summary.shares} share record(s). Issue codes with: {PROG} issue-code REFERENCE --all")
        return 0
    if command == "add-conference":
        if args.online and not args.joining_instructions:
            raise AdminError("an online conference needs --joining-instructions")
        if not args.online and args.joining_instructions:
            raise AdminError("--joining-instructions are only for online conferences")
        try:
            starts_at = london_to_utc(args.date, args.time)
        except ValueError as exc:
            raise AdminError(str(exc)) from None
        ctx.admin().add_conference(ConferenceInput(
            reference=args.reference, conference_type=args.conference_type, starts_at=starts_at,
            is_online=args.online, venue=None if args.online else args.venue,
            joining_instructions=args.joining_instructions if args.online else None,
            chair_meets_parent_before=not args.no_chair_meeting, chair_meeting_minutes=args.chair_meeting_minutes,
            team_phone=args.team_phone))
        print(f"Added case {args.reference}.")
        return 0
    if command == "add-invitee":
        ctx.admin().add_invitee(args.reference, InviteeInput(args.name, args.role, args.age, args.language,
                                                             args.attendance))
        print(f"Added {args.name} to {args.reference}.")
        return 0
    if command == "add-report":
        ctx.admin().add_report(args.reference, args.agency)
        print(f"Added the {args.agency} report to {args.reference}.")
        return 0
    if command == "move-conference":
        if args.online and not args.joining_instructions:
            raise AdminError("an online conference needs --joining-instructions")
        starts_at = ctx.admin().move_conference(args.reference, args.date, args.time, venue=args.venue,
                                                online=args.online, joining_instructions=args.joining_instructions)
        print(f"{args.reference} now starts {_when(to_london(starts_at))}.")
        return 0
    if command == "set-attendance":
        ctx.admin().set_attendance(args.reference, args.name, args.attendance)
        print(f"{args.name}: attendance is now {args.attendance}.")
        return 0
    if command == "share-report":
        ctx.admin().share_report(args.reference, args.agency, args.name, None if args.not_yet else args.date)
        state = "not yet shared" if args.not_yet else f"shared on {args.date.isoformat()}"
        print(f"{args.agency} report for {args.name}: {state}.")
        return 0
    if command == "issue-code":
        admin = ctx.admin(needs_timescales=True)
        if args.all:
            issued = admin.issue_missing_codes(args.reference)
            for name, code in issued:
                _print_code(args.reference, name, code)
            if not issued:
                print("Every invitee already has a live code.")
        else:
            _print_code(args.reference, args.name, admin.issue_code(args.reference, args.name))
        print("Codes are shown only now. Give each person their own code.")
        return 0
    if command == "revoke-code":
        ctx.admin().revoke_code(args.reference, args.name)
        print(f"The code for {args.name} no longer works.")
        return 0
    if command == "reissue-code":
        _print_code(args.reference, args.name, ctx.admin(needs_timescales=True).reissue_code(args.reference, args.name))
        print("The old code no longer works. This code is shown only now.")
        return 0
    if command == "list":
        admin = ctx.admin(needs_timescales=False)
        if args.reference:
            _print_case(admin.describe(args.reference))
        else:
            for line in admin.list_cases():
                print(line)
        return 0
    if command == "audit":
        rows = ctx.admin().audit_trail(args.reference)
        for row in rows:
            print(f"{row.occurred_at:%Y-%m-%d %H:%M:%S} UTC  {row.action:<20} {row.outcome:<8} "
                  f"conversation={row.conversation_id or '-'}")
        if not rows:
            print(f"No audit events for {args.reference}.")
        return 0
    if command == "purge":
        retention = ctx.retention()
        older = args.older_than if args.older_than is not None else retention.purge_after_days
        audit_days = args.audit_days if args.audit_days is not None else retention.audit_days
        result = ctx.admin().purge(older, audit_days)
        print(f"Purged {result.conferences} case(s) whose conference was more than {older} days ago, "
              f"{result.audit_events} audit event(s) older than {audit_days} days, {result.sessions} lapsed "
              f"session(s) and {result.lockout_rows} old lockout record(s).")
        return 0
    if command == "collect-views":
        collected = ctx.admin().collect_views(args.reference)
        for item in collected:
            print(f"--- {item.name} ({item.role}), {item.created_at:%Y-%m-%d %H:%M} UTC, language {item.language}")
            print(item.content)
        print(f"{len(collected)} submission(s) collected and marked as collected.")
        return 0
    raise AdminError(f"unknown command {command}")  # pragma: no cover - argparse prevents this


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser(PROG).parse_args(argv)
    try:
        return run(args)
    except ImportRejected as exc:
        print(f"Import rejected: nothing was imported. {len(exc.problems)} problem(s):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except (AdminError, ProfileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        # Engines hide bound parameters, so this cannot print stored values.
        print(f"error: database problem: {exc.__class__.__name__}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
