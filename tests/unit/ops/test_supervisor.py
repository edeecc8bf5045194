"""The supervisor restarts a process that stops, with back-off, and leaves the others running."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from bot.ops import supervisor as supervisor_module
from bot.ops.supervisor import ServiceSpec, Supervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(600)"]


def spec(name: str, command: list[str]) -> ServiceSpec:
    return ServiceSpec(name, command, ready=lambda: True, start_timeout=10)


@pytest.fixture
def supervisor(tmp_path: Path):
    marker = tmp_path / "starts"
    # Counts its starts in a file, then dies at once: a process that keeps crashing.
    crasher = [sys.executable, "-c", f"open({str(marker)!r}, 'a').write('x'); raise SystemExit(3)"]
    instance = Supervisor({"steady": spec("steady", SLEEPER), "crasher": spec("crasher", crasher)}, {}, tmp_path)
    instance.marker = marker
    yield instance
    instance.stop_all()


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_stopped_process_is_restarted_with_growing_back_off(supervisor) -> None:
    supervisor.launch("steady")
    supervisor.launch("crasher")
    steady_pid = supervisor.processes["steady"].pid
    notes: list[str] = []
    starts: list[float] = []
    deadline = time.monotonic() + 8
    while time.monotonic() < deadline and len(starts) < 3:
        for note in supervisor.watch():
            notes.append(note)
            if note.endswith("started again"):
                starts.append(time.monotonic())
        time.sleep(0.02)
    assert len(starts) >= 3, notes
    # back-off 1 s, then 2 s, then 4 s: the gaps between restarts grow
    assert starts[2] - starts[1] > starts[1] - starts[0] + 0.5
    assert any("starting it again in 1 s" in note for note in notes)
    assert any("starting it again in 2 s" in note for note in notes)
    assert supervisor.marker.read_text().count("x") >= 3
    # the steady process was never touched
    assert supervisor.processes["steady"].poll() is None
    assert supervisor.processes["steady"].pid == steady_pid


def test_back_off_starts_afresh_after_a_good_run(supervisor, monkeypatch) -> None:
    monkeypatch.setattr(supervisor_module, "HEALTHY_AFTER_SECONDS", 0.5)
    supervisor.launch("steady")
    supervisor.watch()
    state = supervisor._restarts["steady"]
    state.failures = 4
    time.sleep(0.6)
    supervisor.watch()
    assert state.failures == 0


def test_stop_all_stops_every_process(supervisor) -> None:
    supervisor.launch("steady")
    process = supervisor.processes["steady"]
    supervisor.stop_all()
    assert wait_for(lambda: process.poll() is not None, 5)
    assert supervisor.processes == {}
