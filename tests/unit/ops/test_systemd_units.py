"""The systemd unit files are valid (systemd-analyze verify) and keep every process running."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.systemd_units import UNITS_DIR, localised_text, parse

SERVICES = ("cpc-nlg.service", "cpc-actions.service", "cpc-rasa@.service", "cpc-web.service")


@pytest.fixture
def localised(tmp_path: Path) -> Path:
    """The units with this checkout's paths, as systemd-analyze must find the programs they run."""
    environment_file = tmp_path / "env"
    environment_file.write_text("")
    for path in UNITS_DIR.iterdir():
        (tmp_path / path.name).write_text(localised_text(path, tmp_path / "state", environment_file))
    (tmp_path / "cpc-rasa@5105.service").write_text((tmp_path / "cpc-rasa@.service").read_text())
    return tmp_path


@pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                    reason="systemd-analyze is not installed (Debian: systemd)")
def test_systemd_analyze_verifies_every_unit(localised: Path) -> None:
    units = [str(localised / name) for name in ("cpc-nlg.service", "cpc-actions.service", "cpc-rasa@5105.service",
                                                 "cpc-web.service", "cpc-assistant.target")]
    result = subprocess.run(["systemd-analyze", "verify", *units], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


@pytest.mark.parametrize("name", SERVICES)
def test_each_process_is_restarted_with_a_pause_and_runs_unprivileged(name: str) -> None:
    unit = parse((UNITS_DIR / name).read_text(), name)
    assert unit.get("Restart") == ["always"]
    assert float(unit.get("RestartSec")[0]) >= 2
    assert unit.get("StartLimitBurst") and unit.get("StartLimitIntervalSec")
    assert unit.get("User") == ["cpc"] and unit.get("NoNewPrivileges") == ["yes"]
    assert unit.get("ProtectSystem") == ["strict"]
    assert unit.get("PartOf") == ["cpc-assistant.target"]


def test_the_target_wants_every_process() -> None:
    wanted = parse((UNITS_DIR / "cpc-assistant.target").read_text(), "target").get("Wants")[0].split()
    assert {"cpc-nlg.service", "cpc-actions.service", "cpc-web.service"} <= set(wanted)
    assert any(name.startswith("cpc-rasa@") for name in wanted)
