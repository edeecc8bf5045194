"""Reading the current turn from a tracker, for the policies."""
from __future__ import annotations

from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker


def actions_this_turn(tracker: DialogueStateTracker) -> list[str]:
    """Names of the actions run since the latest user message, oldest first."""
    names: list[str] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, ActionExecuted) and event.action_name:
            names.append(event.action_name)
    return list(reversed(names))
