"""The systemd units start a working assistant: each unit's commands, run as systemd would run them.

There is no systemd to run the units here (the sandbox has no init system), so the test does
what systemd does with each unit: reads its EnvironmentFile and Environment, runs its
ExecStartPre and then its ExecStart (with ${VARIABLES} and %i filled in), and checks that the
process answers; then it talks to the assistant over REST. systemd-analyze verifies the files
themselves (tests/unit/ops/test_systemd_units.py).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator

import pytest

from bot.ops.secrets_file import ensure_secrets
from bot.ops.services import http_ok
from tests.support.postgres import free_port
from tests.support.stack import model_for_tests, prepare_case_database
from tests.support.systemd_units import UNITS_DIR, command, localised_text, parse

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def unit_processes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    model_for_tests()  # the units load the newest model in models/
    state = tmp_path_factory.mktemp("state")
    rasa_port, action_port, nlg_port, web_port = (free_port() for _ in range(4))
    environment = {
        "RASA_URL": f"http://127.0.0.1:{rasa_port}", "ACTION_SERVER_URL": f"http://127.0.0.1:{action_port}",
        "NLG_URL": f"http://127.0.0.1:{nlg_port}", "WEB_HOST": "127.0.0.1", "WEB_PORT": str(web_port),
        "DATABASE_URL": f"sqlite:///{state / 'cases.db'}", "TRACKER_DB_URL": f"sqlite:///{state / 'conversations.db'}",
        **ensure_secrets(),
    }
    environment_file = state / "env"
    environment_file.write_text("".join(f"{key}={value}\n" for key, value in environment.items()))
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root")}
    processes: list[subprocess.Popen] = []
    checks = {"cpc-nlg.service": f"{environment['NLG_URL']}/health",
              "cpc-actions.service": f"{environment['ACTION_SERVER_URL']}/health",
              "cpc-rasa@.service": f"{environment['RASA_URL']}/",
              "cpc-web.service": f"http://127.0.0.1:{web_port}/privacy"}
    try:
        for name, health in checks.items():
            unit = parse(localised_text(UNITS_DIR / name, state, environment_file), name)
            env = {**base, **environment, **unit.environment()}
            if name == "cpc-actions.service":
                prepare_case_database(env)
            for line in unit.get("ExecStartPre"):
                subprocess.run(command(line, env, str(rasa_port)), env=env, cwd=unit.get("WorkingDirectory")[0],
                               check=True, capture_output=True)
            log = open(state / f"{name}.log", "wb")  # noqa: SIM115 - the process writes to it until the end
            processes.append(subprocess.Popen(command(unit.get("ExecStart")[0], env, str(rasa_port)), env=env,
                                              cwd=unit.get("WorkingDirectory")[0], stdout=log,
                                              stderr=subprocess.STDOUT, start_new_session=True))
            wait_until(lambda health=health: http_ok(health), 180, f"{name} (see {state / (name + '.log')})")
        yield environment
    finally:
        for process in reversed(processes):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(30)


def wait_until(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise TimeoutError(f"{what} did not start")


def test_the_units_run_a_working_assistant(unit_processes: dict[str, str]) -> None:
    request = urllib.request.Request(f"{unit_processes['RASA_URL']}/webhooks/rest/webhook",
                                     data=json.dumps({"sender": "systemd", "message": "can i bring a friend"}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        replies = json.loads(response.read())
    assert "friend or a relative" in " ".join(reply.get("text", "") for reply in replies)
