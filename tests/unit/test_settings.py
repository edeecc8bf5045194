"""One Settings object for every environment variable, and docs/deploy.md's table in step with it."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from bot.settings import PROJECT_ROOT, VARIABLES, load_settings

ROW = re.compile(r"^\| `([A-Z_]+)` \| `([^`]*)` \| (.+) \|$", re.MULTILINE)
READS_ENVIRONMENT = re.compile(r"os\.environ\.get\(|os\.getenv\(|os\.environ\[")


def test_the_deploy_guide_lists_every_variable_with_its_default() -> None:
    table = {name: default for name, default, _ in ROW.findall((PROJECT_ROOT / "docs" / "deploy.md").read_text())}
    assert table == {variable.name: variable.default for variable in VARIABLES}


def test_no_module_reads_the_environment_behind_settings_back() -> None:
    allowed = {"bot/settings.py", "bot/ops/secrets_file.py"}  # secrets: the environment wins over the file
    readers = [str(path.relative_to(PROJECT_ROOT)) for folder in ("bot", "actions")
               for path in (PROJECT_ROOT / folder).rglob("*.py")
               if READS_ENVIRONMENT.search(path.read_text(encoding="utf-8"))]
    assert sorted(set(readers) - allowed) == []


@pytest.mark.parametrize(("name", "value", "field", "expected"), [
    ("TURN_TIMEOUT_SECONDS", "3", "turn_timeout_seconds", 3.0),
    ("RASA_REPLICAS", "0", "rasa_replicas", 1),
    ("WEB_PUBLIC_URL", "https://help.example.gov.uk/", "web_public_url", "https://help.example.gov.uk"),
])
def test_values_come_from_the_environment(monkeypatch: pytest.MonkeyPatch, name: str, value: str, field: str,
                                          expected: object) -> None:
    monkeypatch.setenv(name, value)
    assert getattr(load_settings(), field) == expected


def test_defaults_need_no_environment() -> None:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(PROJECT_ROOT)}
    code = "from bot.settings import load_settings; s = load_settings(); print(s.rasa_url, s.rasa_token == '')"
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=PROJECT_ROOT, capture_output=True,
                            text=True, timeout=60, check=True)
    assert result.stdout.split() == ["http://127.0.0.1:5005", "True"]
