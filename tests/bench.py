"""`make bench`: the figures, printed as tables, never asserted (they depend on the machine).

- training time (forced), start-up, memory of every process;
- what the safety and topic classifiers add to a message;
- reply latency one at a time, and replies/s with p50/p95 at 20 and 40 concurrent
  conversations for one Rasa server and for two behind HAProxy, side by side, with the plain
  `rasa init` assistant measured in the same run as the reference (each the median of three runs;
  all four run side by side and take turns, round by round);
- the safety report and the NLU report (`make report-safety`, `make report-nlu`).

Everything runs on its own ports with a throwaway data folder.
"""
from __future__ import annotations

import asyncio
import dataclasses
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("CPC_VAR_DIR", tempfile.mkdtemp(prefix="cpc-bench-"))
VAR = Path(os.environ["CPC_VAR_DIR"])
os.environ.update({"RASA_URL": "http://127.0.0.1:17005", "ACTION_SERVER_URL": "http://127.0.0.1:17055",
                   "NLG_URL": "http://127.0.0.1:17056", "WEB_PORT": "19000",
                   "DATABASE_URL": f"sqlite:///{VAR / 'cases.db'}",
                   "TRACKER_DB_URL": f"sqlite:///{VAR / 'conversations.db'}"})

import aiohttp  # noqa: E402

from bot.ops.services import REPLICA_PORT_OFFSET, build_supervisor, http_ok, rasa_addresses  # noqa: E402
from bot.ops.supervisor import Supervisor  # noqa: E402
from bot.ops.training import QUIET_RASA, rasa_command, train, train_if_needed  # noqa: E402
from bot.safety.replies import SERVICE_DOWN_RESPONSE, TURN_FAILED_RESPONSE  # noqa: E402
from bot.settings import BUILD_DIR, Settings, load_settings  # noqa: E402
from tests.support.postgres import free_port  # noqa: E402
from tests.support.stack import answer_start, prepare_case_database  # noqa: E402

QUESTIONS = [
    "can i bring a friend", "when do i get the reports", "what is a core group", "can my child come",
    "i need an interpreter", "what happens on the day", "how do i complain", "what is legal aid",
    "who will be at the meeting", "what is a child protection plan", "can i record the meeting",
    "what if i cant go", "when is the review", "what does significant harm mean", "hello",
]
INIT_MESSAGES = ["hello", "I am feeling great", "yes", "bye", "hi", "I am sad", "no", "are you a bot?",
                 "good morning", "very bad", "indeed", "goodbye", "hey", "perfect", "of course"]
TURNS_PER_CONVERSATION = 10
#: The apologies for a turn that failed or ran out of time, and for an action that failed.
APOLOGIES = tuple(answer_start(response) for response in (TURN_FAILED_RESPONSE, SERVICE_DOWN_RESPONSE))
LOAD_ROUNDS = 3
CONCURRENCY = (20, 40)
REFERENCE_DIR = BUILD_DIR / "bench" / "rasa-init"
Rows = list[tuple[str, str]]


def rss_mb(pid: int) -> float:
    """Resident memory of a process group, in MB."""
    total = 0
    pids = {str(pid), *subprocess.run(["pgrep", "-g", str(pid)], capture_output=True, text=True).stdout.split()}
    for each in pids:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total / 1024


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000


# -- load ----------------------------------------------------------------------------------------

async def _conversation(client: aiohttp.ClientSession, url: str, sender: str, messages: list[str],
                        timings: list[float]) -> int:
    """One conversation's turns, timed into `timings`; returns how many replies were an apology."""
    apologies = 0
    for index in range(TURNS_PER_CONVERSATION):
        started = time.monotonic()
        async with client.post(url, json={"sender": sender, "message": messages[index % len(messages)]}) as reply:
            body = await reply.text()
        timings.append(time.monotonic() - started)
        apologies += any(apology in body for apology in APOLOGIES)
    return apologies


async def _load(rasa_url: str, conversations: int, messages: list[str]) -> tuple[float, float, float, int]:
    url = f"{rasa_url}/webhooks/rest/webhook"
    timings: list[float] = []
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as client:
        await _conversation(client, url, "warm-up", messages, [])
        started = time.monotonic()
        apologies = await asyncio.gather(*(_conversation(client, url, f"bench-{conversations}-{n}-{time.time()}",
                                                         messages, timings) for n in range(conversations)))
        elapsed = time.monotonic() - started
    p50, p95 = percentiles(timings)
    return len(timings) / elapsed, p50, p95, sum(apologies)


def cpu_times() -> tuple[int, int]:
    """(busy, total) clock ticks of the whole machine so far, from /proc/stat."""
    ticks = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = ticks[3] + ticks[4]                                   # idle and waiting for the disk
    return sum(ticks) - idle, sum(ticks)


@dataclasses.dataclass(frozen=True)
class Load:
    """One load run: replies per second, latency percentiles, how busy the machine's cores were, and how
    many replies were the apology for a turn that failed or ran out of time (a fast apology is no answer)."""
    rate: float
    p50: float
    p95: float
    busy: float
    apologies: int


def _one_load_run(rasa_url: str, conversations: int, messages: list[str]) -> Load:
    busy_before, total_before = cpu_times()
    rate, p50, p95, apologies = asyncio.run(_load(rasa_url, conversations, messages))
    busy_after, total_after = cpu_times()
    return Load(rate, p50, p95, 100 * (busy_after - busy_before) / max(1, total_after - total_before), apologies)


def measure_side_by_side(targets: dict[str, tuple[str, list[str]]]) -> dict[str, dict[int, Load]]:
    """Load at 20 and at 40 concurrent conversations on each target (label: (url, messages)), the run
    with the median rate of LOAD_ROUNDS. The targets take turns, round by round: on a shared machine
    one run can be a third off, and a slow spell then falls on every target alike. The cores'
    figure counts every process, this one too."""
    runs: dict[str, dict[int, list[Load]]] = {label: {} for label in targets}
    labels = list(targets)
    for conversations in CONCURRENCY:
        for round_number in range(LOAD_ROUNDS):
            # each round starts with another target, so none always follows the same one
            for label in labels[round_number:] + labels[:round_number]:
                url, messages = targets[label]
                runs[label].setdefault(conversations, []).append(_one_load_run(url, conversations, messages))
    return {label: {conversations: sorted(loads, key=lambda load: load.rate)[LOAD_ROUNDS // 2]
                    for conversations, loads in by_concurrency.items()}
            for label, by_concurrency in runs.items()}


def load_rows(label: str, results: dict[int, Load]) -> Rows:
    return [(f"{label}, {conversations} concurrent, median of {LOAD_ROUNDS} runs: replies/s, p50 / p95, cores busy,"
             " apologies", f"{load.rate:.1f}/s, {load.p50:.0f} / {load.p95:.0f} ms, {load.busy:.0f}%, {load.apologies}")
            for conversations, load in results.items()]


def scale_out_rows(label: str, one: dict[int, Load], two: dict[int, Load]) -> Rows:
    return [(f"2 servers against {label}, {conversations} concurrent", f"{two[conversations].rate / load.rate:.2f}x")
            for conversations, load in one.items()]


# -- the assistant -------------------------------------------------------------------------------

def _local_url() -> str:
    return f"http://127.0.0.1:{free_port()}"


def _rest_url(replicas: int) -> str:
    """A REST port whose replica ports (port + REPLICA_PORT_OFFSET + i) are free as well."""
    while True:
        port = free_port()
        if replicas == 1 or all(_port_is_free(port + REPLICA_PORT_OFFSET + i) for i in range(1, replicas + 1)):
            return f"http://127.0.0.1:{port}"


def _port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


@contextmanager
def assistant(replicas: int) -> Iterator[tuple[Supervisor, Settings, Rows]]:
    # every port its own, so that the two assistants run side by side
    settings = dataclasses.replace(load_settings(), rasa_replicas=replicas, rasa_url=_rest_url(replicas),
                                   action_server_url=_local_url(), nlg_url=_local_url(), web_port=free_port(),
                                   local_postgres_port=free_port(), local_redis_port=free_port())
    var = VAR / f"replicas-{replicas}"
    supervisor, settings = build_supervisor(settings, train_if_needed(), var)
    prepare_case_database(supervisor.env)
    rows: Rows = []
    try:
        for name in supervisor.specs:
            started = time.monotonic()
            supervisor.start(name)
            rows.append((f"{replicas} server(s): start-up of {name}", f"{time.monotonic() - started:.1f} s"))
        yield supervisor, settings, rows
    finally:
        supervisor.stop_all()
        shutil.rmtree(var, ignore_errors=True)


def sequential_rows(rasa_url: str) -> Rows:
    async def run() -> list[float]:
        timings: list[float] = []
        async with aiohttp.ClientSession() as client:
            for index in range(300):
                started = time.monotonic()
                async with client.post(f"{rasa_url}/webhooks/rest/webhook",
                                       json={"sender": f"seq-{index // 15}", "message": QUESTIONS[index % 15]}) as r:
                    await r.read()
                timings.append(time.monotonic() - started)
        return timings

    p50, p95 = percentiles(asyncio.run(run()))
    return [("1 server: 300 turns one at a time, p50 / p95", f"{p50:.0f} / {p95:.0f} ms")]


def memory_rows(supervisor: Supervisor, replicas: int) -> Rows:
    return [(f"{replicas} server(s): resident memory of {name}", f"{rss_mb(process.pid):.0f} MB")
            for name, process in supervisor.processes.items()]


# -- the reference -------------------------------------------------------------------------------

@contextmanager
def rasa_init_reference() -> Iterator[str]:
    """The plain `rasa init` assistant (DIET and TED), trained once and kept in build/bench."""
    env = {**os.environ, **QUIET_RASA}
    if not list((REFERENCE_DIR / "models").glob("*.tar.gz")):
        shutil.rmtree(REFERENCE_DIR, ignore_errors=True)
        REFERENCE_DIR.mkdir(parents=True)
        subprocess.run(rasa_command("init", "--no-prompt", "--init-dir", str(REFERENCE_DIR)), cwd=REFERENCE_DIR,
                       env=env, check=True, capture_output=True)
    port = free_port()
    process = subprocess.Popen(rasa_command("run", "--port", str(port), "--interface", "127.0.0.1"),
                               cwd=REFERENCE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while not http_ok(f"{url}/") and time.monotonic() < deadline:
            time.sleep(0.5)
        yield url
        print(f"(rasa init reference: {rss_mb(process.pid):.0f} MB resident)")
    finally:
        os.killpg(process.pid, 15)
        process.wait()


# -- training and classifiers --------------------------------------------------------------------

def training_rows() -> Rows:
    with tempfile.TemporaryDirectory() as out:
        started = time.monotonic()
        train(Path(out), "--force", capture_output=True)
        return [("training, full and forced", f"{time.monotonic() - started:.0f} s")]


def classifier_rows() -> Rows:
    """What the safety classifier and the topic classifier cost per message (trained here as the model trains them)."""
    from bot.classify.linear import LinearTextModel
    from tests.support.nlu_data import training_messages
    from tests.support.safety_eval import trained_layer

    safety = trained_layer().classifier
    examples = training_messages()
    topics = LinearTextModel.train([e.get("text") for e in examples], [e.get("intent") for e in examples])
    rows = []
    for label, score in (("safety classifier", safety.score),
                         ("topic classifier", lambda text: topics.probabilities([text]))):
        samples = []
        for _ in range(5):
            for question in QUESTIONS:
                started = time.perf_counter()
                score(question)
                samples.append(time.perf_counter() - started)
        p50, p95 = percentiles(samples)
        rows.append((f"{label}: per message, p50 / p95", f"{p50:.2f} / {p95:.2f} ms"))
    return rows


def print_table(rows: Rows) -> None:
    width = max(len(label) for label, _ in rows)
    print(f"\n{'measure':<{width}}  value\n{'-' * width}  {'-' * 24}")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


def main() -> None:
    rows: Rows = training_rows() + classifier_rows()
    with assistant(1) as (one, one_settings, one_started), assistant(2) as (two, two_settings, two_started), \
            rasa_init_reference() as reference_url:
        rows += one_started + two_started + sequential_rows(one_settings.rasa_url)
        _, host, port = rasa_addresses(two_settings)[0]
        loads = measure_side_by_side({
            "1 server": (one_settings.rasa_url, QUESTIONS),
            # one of the two servers on its own port: the same shared stores, without the balancer
            "1 server of 2 (PostgreSQL + Redis)": (f"http://{host}:{port}", QUESTIONS),
            "2 servers": (two_settings.rasa_url, QUESTIONS),
            "rasa init reference": (reference_url, INIT_MESSAGES),
        })
        for label, results in loads.items():
            rows += load_rows(label, results)
        rows += scale_out_rows("1 server", loads["1 server"], loads["2 servers"])
        rows += scale_out_rows("1 server of 2 (the same stores)", loads["1 server of 2 (PostgreSQL + Redis)"],
                               loads["2 servers"])
        rows += memory_rows(one, 1) + memory_rows(two, 2)
    print_table(rows)
    sys.stdout.flush()
    from tests.reports import nlu, safety

    safety.report(show_final=False)
    nlu.print_report()


if __name__ == "__main__":
    main()
