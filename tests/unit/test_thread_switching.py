"""Rasa's process switches threads every 0.5 ms once it has imported our plugins."""
from __future__ import annotations

import subprocess
import sys

from bot.rasa_plugins.thread_switching import SWITCH_INTERVAL_SECONDS


def test_importing_the_plugins_shortens_the_switch_interval() -> None:
    # a fresh interpreter, as Rasa's is: importing any plugin imports the package first
    probe = "import sys; import bot.rasa_plugins.nlg; print(sys.getswitchinterval())"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert float(result.stdout.split()[-1]) == SWITCH_INTERVAL_SECONDS
