"""Start, watch, restart and stop a set of processes (`make run` and the tests).

Each process runs in its own process group, so stopping one never leaves children behind.
A process that exits on its own is started again after a back-off (1 s, 2 s, 4 s ... up
to a minute; the count starts afresh after a minute of good running); the others carry on.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Optional

from bot.settings import PROJECT_ROOT

MAX_BACKOFF_SECONDS = 60.0
HEALTHY_AFTER_SECONDS = 60.0


@dataclass(frozen=True)
class ServiceSpec:
    """One process: how to start it and how to tell that it is ready."""

    name: str
    command: list[str]
    ready: Callable[[], bool]
    start_timeout: float = 180.0
    #: Run once it is first ready (say, create a database); not after a restart.
    after_start: Optional[Callable[[], object]] = None
    #: How to ask it to stop (PostgreSQL's fast shutdown is SIGINT; SIGTERM waits for every client).
    stop_signal: int = signal.SIGTERM


@dataclass
class _Restart:
    failures: int = 0
    due: Optional[float] = None          # monotonic time of the next start, when one is pending
    started: float = field(default_factory=time.monotonic)


class Supervisor:
    """Owns the child processes of one running assistant, in start order."""

    def __init__(self, specs: Mapping[str, ServiceSpec], env: Mapping[str, str], log_dir: Path) -> None:
        self.specs = dict(specs)
        self.env = dict(env)
        self.log_dir = log_dir
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.processes: dict[str, subprocess.Popen] = {}
        self._logs: dict[str, IO[bytes]] = {}
        self._restarts: dict[str, _Restart] = {}

    # ------------------------------------------------------------------ starting and stopping
    def launch(self, name: str) -> None:
        """Start `name` without waiting for it to be ready."""
        spec = self.specs[name]
        log = self._logs.get(name) or open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - kept for restarts
        self._logs[name] = log
        self.processes[name] = subprocess.Popen(spec.command, cwd=PROJECT_ROOT, env=self.env, stdout=log,
                                                stderr=subprocess.STDOUT, start_new_session=True)
        self._restarts.setdefault(name, _Restart()).started = time.monotonic()

    def start(self, name: str, timeout: Optional[float] = None) -> None:
        """Start `name` and wait until it is ready."""
        self.launch(name)
        spec = self.specs[name]
        self.wait_until_ready(name, timeout or spec.start_timeout)
        if spec.after_start:
            spec.after_start()

    def wait_until_ready(self, name: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        process = self.processes[name]
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"{name} stopped during start-up; see {self.log_path(name)}")
            if self.specs[name].ready():
                return
            time.sleep(0.3)
        raise TimeoutError(f"{name} did not answer within {timeout:.0f} s; see {self.log_path(name)}")

    def stop(self, name: str, grace: float = 10.0) -> None:
        process = self.processes.pop(name, None)
        self._restarts.pop(name, None)
        if process is not None and process.poll() is None:
            os.killpg(process.pid, self.specs[name].stop_signal)
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log = self._logs.pop(name, None)
        if log:
            log.close()

    def start_all(self) -> None:
        for name in self.specs:
            self.start(name)

    def stop_all(self) -> None:
        for name in reversed(list(self.specs)):
            self.stop(name)

    def log_path(self, name: str) -> Path:
        return self.log_dir / f"{name}.log"

    # ------------------------------------------------------------------ watching
    def watch(self) -> list[str]:
        """Restart what has stopped, with back-off; return one line for each thing done."""
        notes: list[str] = []
        now = time.monotonic()
        for name, process in list(self.processes.items()):
            state = self._restarts.setdefault(name, _Restart())
            if process.poll() is None:
                if state.failures and now - state.started > HEALTHY_AFTER_SECONDS:
                    state.failures = 0
                continue
            if state.due is None:
                state.failures += 1
                delay = min(MAX_BACKOFF_SECONDS, 2.0 ** (state.failures - 1))
                state.due = now + delay
                notes.append(f"{name} stopped (exit {process.returncode}); starting it again in {delay:.0f} s "
                             f"(see {self.log_path(name)})")
            elif now >= state.due:
                state.due = None
                self.launch(name)
                notes.append(f"{name} started again")
        return notes
