"""Start, watch and stop the assistant's processes (used by `make run` and the tests).

Four processes: the NLG server, the action server, the Rasa server and the web process.
Each runs in its own process group so that stopping one never leaves children behind.
"""
from __future__ import annotations

import os
import signal
import string
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Optional

from bot.secrets_file import ensure_secrets
from bot.settings import PROJECT_ROOT, Settings, VAR_DIR

START_ORDER = ("nlg", "actions", "rasa", "web")


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    command: list[str]
    health_url: str
    #: The web process's /healthz answers 503 while another service is down, yet it is up itself.
    up_on_http_error: bool = False


def _host_port(url: str) -> tuple[str, str]:
    host, port = url.split("//", 1)[1].rstrip("/").rsplit(":", 1)
    return host, port


def render_endpoints(env: dict[str, str], template: Path = PROJECT_ROOT / "endpoints.yml",
                     target: Path = VAR_DIR / "endpoints.yml") -> Path:
    """endpoints.yml with its ${VARIABLES} filled in (Rasa 3.6 does not expand them itself).

    The result holds the internal tokens, so it lives in the git-ignored var/ folder, mode 0600.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    target.touch(mode=0o600)
    target.write_text(string.Template(template.read_text()).substitute(env))
    os.chmod(target, 0o600)
    return target


def service_specs(settings: Settings, model: Path, rasa_token: str, endpoints: Path) -> dict[str, ServiceSpec]:
    python = sys.executable
    rasa = str(Path(python).with_name("rasa"))
    rasa_host, rasa_port = _host_port(settings.rasa_url)
    web = f"http://{settings.web_host}:{settings.web_port}"
    return {
        "nlg": ServiceSpec("nlg", [python, "-m", "bot", "nlg"], f"{settings.nlg_url}/health"),
        "actions": ServiceSpec("actions", [python, "-m", "bot", "actions"], f"{settings.action_server_url}/health"),
        # /status answers 200 only once the model is loaded (409 without one), and needs the token.
        "rasa": ServiceSpec(
            "rasa",
            [rasa, "run", "--model", str(model), "--endpoints", str(endpoints), "--credentials",
             "credentials.yml", "--enable-api", "--auth-token", rasa_token, "--interface", rasa_host,
             "--port", rasa_port],
            f"{settings.rasa_url}/status?token={rasa_token}",
        ),
        "web": ServiceSpec("web", [python, "-m", "bot", "web"], f"{web}/healthz", up_on_http_error=True),
    }


def service_environment(settings: Settings) -> dict[str, str]:
    """The environment every process gets: addresses, secrets, and quiet TensorFlow."""
    secrets = ensure_secrets()
    return {
        **os.environ,
        **secrets,
        "RASA_URL": settings.rasa_url,
        "ACTION_SERVER_URL": settings.action_server_url,
        "NLG_URL": settings.nlg_url,
        "WEB_HOST": settings.web_host,
        "WEB_PORT": str(settings.web_port),
        "DATABASE_URL": settings.database_url,
        "TRACKER_DB_URL": settings.tracker_db_url,
        "PYTHONPATH": str(PROJECT_ROOT),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "RASA_TELEMETRY_ENABLED": "false",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    }


def is_up(url: str, up_on_http_error: bool = False, timeout: float = 2.0) -> bool:
    """True when `url` answers 200 (or any HTTP status, if `up_on_http_error`)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return True
    except urllib.error.HTTPError:
        return up_on_http_error
    except (OSError, ValueError):
        return False


class Supervisor:
    """Owns the child processes of one running assistant."""

    def __init__(self, settings: Settings, model: Path, log_dir: Path = VAR_DIR / "logs") -> None:
        self.env = service_environment(settings)
        self.specs = service_specs(settings, model, self.env["RASA_TOKEN"], render_endpoints(self.env))
        self.log_dir = log_dir
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.processes: dict[str, subprocess.Popen] = {}
        self._logs: dict[str, IO[bytes]] = {}

    def start(self, name: str, timeout: float = 180.0) -> None:
        spec = self.specs[name]
        log = open(self.log_dir / f"{name}.log", "ab")
        self._logs[name] = log
        self.processes[name] = subprocess.Popen(
            spec.command, cwd=PROJECT_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_until_up(name, timeout)

    def wait_until_up(self, name: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        process = self.processes[name]
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"{name} stopped during start-up; see {self.log_dir / (name + '.log')}")
            spec = self.specs[name]
            if is_up(spec.health_url, spec.up_on_http_error):
                return
            time.sleep(0.5)
        raise TimeoutError(f"{name} did not answer within {timeout:.0f} s; see {self.log_dir / (name + '.log')}")

    def stop(self, name: str, grace: float = 10.0) -> None:
        process = self.processes.pop(name, None)
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log = self._logs.pop(name, None)
        if log:
            log.close()

    def start_all(self) -> None:
        for name in START_ORDER:
            self.start(name)

    def stop_all(self) -> None:
        for name in reversed(START_ORDER):
            self.stop(name)

    def first_exited(self) -> Optional[str]:
        return next((name for name, process in self.processes.items() if process.poll() is not None), None)
