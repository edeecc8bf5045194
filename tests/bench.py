"""`make bench`: training time, start-up time, memory and reply latency, printed as a table.

Figures only, never assertions: they depend on the machine. Runs the real services on the
test ports with a throwaway data folder.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("CPC_VAR_DIR", tempfile.mkdtemp(prefix="cpc-bench-"))

from tests.support.stack import TEST_PORTS  # noqa: E402

os.environ.update(TEST_PORTS)
VAR = Path(os.environ["CPC_VAR_DIR"])
os.environ["DATABASE_URL"] = f"sqlite:///{VAR / 'cases.db'}"
os.environ["TRACKER_DB_URL"] = f"sqlite:///{VAR / 'conversations.db'}"

from bot.ops.services import START_ORDER, Supervisor  # noqa: E402
from bot.settings import PROJECT_ROOT, load_settings  # noqa: E402
from bot.ops.training import TRAINING_DATA, rasa_command, train_if_needed  # noqa: E402
from tests.support.stack import Stack, prepare_case_database  # noqa: E402

QUESTIONS = [
    "can i bring a friend", "when do i get the reports", "what is a core group", "can my child come",
    "i need an interpreter", "what happens on the day", "how do i complain", "what is legal aid",
    "who will be at the meeting", "what is a child protection plan", "can i record the meeting",
    "what if i cant go", "when is the review", "what does significant harm mean", "hello",
]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    pids = [str(pid)] + subprocess.run(["pgrep", "-g", str(pid)], capture_output=True, text=True).stdout.split()
    for each in set(pids):
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total / 1024


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def main() -> None:
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as out:
        started = time.monotonic()
        subprocess.run(rasa_command("train", "--config", "config.yml", "--domain", "domain", "--data", *TRAINING_DATA,
                                    "--out", out, "--force"), cwd=PROJECT_ROOT, check=True, capture_output=True)
        rows.append(("training time (full, forced)", f"{time.monotonic() - started:.0f} s"))
    supervisor = Supervisor(load_settings(), train_if_needed(), log_dir=VAR / "logs")
    prepare_case_database(supervisor.env)
    try:
        for name in START_ORDER:
            started = time.monotonic()
            supervisor.start(name)
            rows.append((f"start-up: {name}", f"{time.monotonic() - started:.1f} s"))
        stack = Stack(load_settings(), supervisor)
        stack.talk("warm-up", "hello")
        sequential = []
        for index in range(300):
            started = time.monotonic()
            stack.talk(f"bench-seq-{index // 15}", QUESTIONS[index % len(QUESTIONS)])
            sequential.append(time.monotonic() - started)
        p50, p95 = percentiles(sequential)
        rows.append(("reply latency, 300 sequential: p50 / p95", f"{p50:.0f} ms / {p95:.0f} ms"))

        def conversation(number: int) -> list[float]:
            timings = []
            for question in QUESTIONS:
                started = time.monotonic()
                stack.talk(f"bench-con-{number}", question)
                timings.append(time.monotonic() - started)
            return timings

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=20) as pool:
            concurrent = [t for timings in pool.map(conversation, range(20)) for t in timings]
        elapsed = time.monotonic() - started
        p50, p95 = percentiles(concurrent)
        rows.append(("reply latency, 20 concurrent conversations: p50 / p95", f"{p50:.0f} ms / {p95:.0f} ms"))
        rows.append(("throughput, 20 concurrent", f"{len(concurrent) / elapsed:.1f} replies/s"))
        for name, process in supervisor.processes.items():
            rows.append((f"resident memory: {name}", f"{rss_mb(process.pid):.0f} MB"))
    finally:
        supervisor.stop_all()
    width = max(len(label) for label, _ in rows)
    print(f"\n{'measure':<{width}}  value\n{'-' * width}  ---------------")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
