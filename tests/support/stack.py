"""The whole assistant, started for tests on its own ports with its own data folder."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import sqlalchemy as sa

from bot.nlg.render import render
from bot.ops.supervisor import Supervisor
from bot.settings import PROJECT_ROOT, Settings

TEST_PORTS = {"RASA_URL": "http://127.0.0.1:15005", "ACTION_SERVER_URL": "http://127.0.0.1:15055",
              "NLG_URL": "http://127.0.0.1:15056", "WEB_PORT": "18000"}


@dataclass
class Stack:
    """A running assistant: addresses, service control and direct looks at what it stored."""

    settings: Settings
    supervisor: Supervisor

    @property
    def rasa_url(self) -> str:
        return self.settings.rasa_url

    @property
    def web_url(self) -> str:
        return f"http://{self.settings.web_host}:{self.settings.web_port}"

    @property
    def rasa_token(self) -> str:
        return self.supervisor.env["RASA_TOKEN"]

    def stop_service(self, name: str) -> None:
        self.supervisor.stop(name)

    def start_service(self, name: str) -> None:
        self.supervisor.start(name)

    @contextmanager
    def hung(self, name: str) -> Iterator[None]:
        """The service stopped (SIGSTOP): alive, listening, never answering."""
        with hung_processes(self.supervisor.processes[name].pid):
            yield

    @contextmanager
    def down(self, name: str) -> Iterator[None]:
        """The service stopped, then started again afterwards."""
        self.supervisor.stop(name)
        try:
            yield
        finally:
            self.supervisor.start(name)

    def timed_talk(self, sender: str, text: str, language: Optional[str] = None) -> tuple[float, list[dict[str, Any]]]:
        """One turn and how long its reply took, in seconds."""
        started = time.monotonic()
        replies = self.talk(sender, text, language)
        return time.monotonic() - started, replies

    def talk(self, sender: str, text: str, language: Optional[str] = None, timeout: float = 30) -> list[dict[str, Any]]:
        """Send one message over Rasa's REST channel; return its replies."""
        body: dict[str, Any] = {"sender": sender, "message": text}
        if language:
            body["metadata"] = {"language": language}
        request = urllib.request.Request(
            f"{self.rasa_url}/webhooks/rest/webhook", data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())

    def tracker_events(self, sender_id: str) -> list[dict[str, Any]]:
        """Every stored event of a conversation, straight from the tracker database."""
        engine = sa.create_engine(self.settings.tracker_db_url)
        try:
            with engine.connect() as connection:
                if not sa.inspect(connection).has_table("events"):
                    return []
                rows = connection.execute(sa.text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"),
                                          {"s": sender_id})
                return [json.loads(row.data) for row in rows]
        finally:
            engine.dispose()

    def logs(self) -> str:
        return "\n".join(path.read_text(errors="replace") for path in sorted(self.supervisor.log_dir.glob("*.log")))


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants (PostgreSQL's backends each run in a session of their own)."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [pid, *(descendant for child in children for descendant in process_tree(int(child)))]


@contextmanager
def hung_processes(pid: int) -> Iterator[None]:
    """Every process of a tree stopped for the block, then continued."""
    tree = process_tree(pid)
    for each in tree:
        os.kill(each, signal.SIGSTOP)
    try:
        yield
    finally:
        for each in tree:
            os.kill(each, signal.SIGCONT)


def prepare_case_database(env: dict[str, str]) -> None:
    """Migrate the test case database and load the demo cases (the same step as `make run`)."""
    subprocess.run([sys.executable, "-c", "from bot.ops.setup_steps import prepare_case_database as p; p()"],
                   cwd=PROJECT_ROOT, env=env, check=True)


def answer_start(response: str, audience: str = "parent") -> str:
    """The first words of a response in English for `audience`: what a reply giving it contains."""
    return render(response, {"slots": {"audience": audience}, "events": []})["text"][:50]


def texts(replies: list[dict[str, Any]]) -> str:
    """All reply texts of one turn, joined, for fact checks."""
    return "\n".join(reply.get("text", "") for reply in replies)


def button_payloads(replies: list[dict[str, Any]]) -> list[str]:
    return [button["payload"] for reply in replies for button in reply.get("buttons") or []]


def model_for_tests() -> Path:
    from bot.ops.training import train_if_needed

    return train_if_needed()
