"""The clearly fictional demo cases (data/demo) and their fixed, published demo codes."""
from __future__ import annotations

import json
from pathlib import Path

from bot.cases.admin import CaseAdmin
from bot.cases.importer import ImportSummary
from bot.settings import DATA_DIR

DEMO_DIR = DATA_DIR / "demo"
DEMO_CASES = DEMO_DIR / "cases.json"
DEMO_CODES = DEMO_DIR / "demo-codes.json"


def demo_codes(path: Path = DEMO_CODES) -> dict[str, dict[str, str]]:
    """{reference: {first name: code}} from the demo codes file."""
    return json.loads(Path(path).read_text(encoding="utf-8"))["codes"]


def load_demo(admin: CaseAdmin, cases_file: Path = DEMO_CASES, codes_file: Path = DEMO_CODES) -> ImportSummary:
    """Load the demo into an empty database (raises AdminError otherwise)."""
    return admin.load_demo(cases_file, demo_codes(codes_file))
