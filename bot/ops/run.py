"""`make run`: train if needed, start every service, print where to talk to it, stop on Ctrl-C."""
from __future__ import annotations

import signal
import time

from bot.services import Supervisor
from bot.settings import load_settings
from bot.training import train_if_needed


def main() -> None:
    settings = load_settings()
    model = train_if_needed()
    supervisor = Supervisor(settings, model)
    stopping = False

    def request_stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        supervisor.start_all()
        print(
            "\nThe assistant is running.\n"
            f"  Chat page:     http://{settings.web_host}:{settings.web_port}/\n"
            f"  REST channel:  {settings.rasa_url}/webhooks/rest/webhook\n"
            f"  Logs:          {supervisor.log_dir}\n"
            "Press Ctrl-C to stop.\n",
            flush=True,
        )
        while not stopping:
            crashed = supervisor.first_exited()
            if crashed:
                print(f"{crashed} stopped unexpectedly; see {supervisor.log_dir / (crashed + '.log')}")
                break
            time.sleep(1)
    finally:
        print("Stopping...")
        supervisor.stop_all()
