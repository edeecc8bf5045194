"""`make run`: train if needed, start every service, keep them running, stop on Ctrl-C.

A process that stops on its own is started again with back-off (bot/ops/supervisor.py);
the others keep answering meanwhile.
"""
from __future__ import annotations

import signal
import time

from bot.ops.services import build_supervisor
from bot.ops.training import train_if_needed
from bot.settings import load_settings


def main() -> None:
    model = train_if_needed()
    supervisor, settings = build_supervisor(load_settings(), model)
    stopping = False

    def request_stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        supervisor.start_all()
        servers = [name for name in supervisor.specs if name.startswith("rasa")]
        print(
            "\nThe assistant is running.\n"
            f"  Chat page:     http://{settings.web_host}:{settings.web_port}/\n"
            f"  REST channel:  {settings.rasa_url}/webhooks/rest/webhook"
            f" ({len(servers)} Rasa server{'s' if len(servers) > 1 else ''})\n"
            f"  Logs:          {supervisor.log_dir}\n"
            "Press Ctrl-C to stop.\n",
            flush=True,
        )
        while not stopping:
            for note in supervisor.watch():
                print(note, flush=True)
            time.sleep(1)
    finally:
        print("Stopping...")
        supervisor.stop_all()
