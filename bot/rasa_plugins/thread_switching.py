"""How often Python hands the GIL from one thread to another in a Rasa process.

The tracker store reads and writes in worker threads (bot/rasa_plugins/tracker_store.py), while
the event loop's thread does the CPU-heavy work of understanding and choosing actions. A worker
thread gives the GIL away on every database round trip and then waits for the loop's thread to
offer it back, which Python does every 5 ms by default. A turn has several round trips, so it
queued for tens of milliseconds behind other conversations' work ("convoy effect").
Measured side by side under load on one server (docs/decisions.md, ADR 12): 0.5 ms gave about
10% more replies/s and a p95 about 100 ms lower at 20 concurrent conversations.
"""
from __future__ import annotations

import sys

SWITCH_INTERVAL_SECONDS = 0.0005


def install() -> None:
    """Let a waiting thread take the GIL after 0.5 ms instead of Python's 5 ms."""
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
