"""Reading a council's case export: CSV or JSON flattened into rows, each with where it came from.

Structure problems (unknown columns or fields, bad JSON, wrong types of value) are all
collected with their line numbers and raised together as ImportRejected. The formats are
documented in docs/case-data.md; bot/cases/importer.py checks the rows' values.
"""
from __future__ import annotations

import csv
import io
import json
import json.scanner
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

JSON_FORMAT = "cpc-cases/1"
KINDS = ("conference", "invitee", "report", "share")
FIELDS: dict[str, tuple[str, ...]] = {
    "conference": ("type", "date", "time", "venue", "online", "joining_instructions",
                   "chair_meets_parent_before", "chair_meeting_minutes", "team_phone"),
    "invitee": ("name", "role", "age", "language", "attendance"),
    "report": ("agency",),
    "share": ("agency", "name", "shared_on"),
}
CSV_COLUMNS: tuple[str, ...] = ("kind", "reference") + tuple(
    dict.fromkeys(name for kind in KINDS for name in FIELDS[kind]))

class ImportRejected(Exception):
    """The file was not imported; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
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
    values: dict[str, Any] = field(default_factory=dict)


# -- reading ---------------------------------------------------------------------------


def read_rows(path: Path, fmt: Optional[str] = None) -> list[Row]:
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


def csv_rows(content: str) -> list[Row]:
    reader = csv.reader(io.StringIO(content, newline=""))
    problems: list[Problem] = []
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
    rows: list[Row] = []
    line = reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            problems.append(Problem(f"line {start}", f"{len(cells)} cells but only {len(header)} columns"))
            continue
        values = dict(zip(header, cells, strict=True))
        kind = values.pop("kind", "").strip().lower()
        rows.append(Row(kind=kind, where=f"line {start}", line=start, values=values))
    if problems:
        raise ImportRejected(problems)
    return rows


class _LinedDict(dict):
    """A JSON object that remembers the line its "{" was on."""

    line = 0


def _load_json_with_lines(content: str) -> Any:
    """Decode JSON with every object a _LinedDict, through the pure-Python scanner's hooks."""
    decoder: Any = json.JSONDecoder()  # parse_object and scan_once are not in the stubs
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


def json_rows(content: str) -> list[Row]:
    try:
        data = _load_json_with_lines(content)
    except json.JSONDecodeError as exc:
        raise ImportRejected([Problem(f"line {exc.lineno}", f"not valid JSON: {exc.msg}")]) from None
    problems: list[Problem] = []
    rows: list[Row] = []

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
