"""Rasa's lookup of an event's class by its type name, with the classes listed once.

Rasa 3.6 walks every subclass of `Event` (recursively) to find the class of each stored event it
reads back (`Event.resolve_by_type`). The tracker store reads a conversation's events on every turn,
so under load this walk was 11% of a Rasa server's CPU. Here the classes are listed by type name once,
keeping the first in Rasa's own walk order for a name used twice ("user"), and listed again when a name
is not found (a class defined since). The one case where the answer could differ from Rasa's walk: a
class defined after the listing that reuses a name already listed (Rasa has none). Trackers are read in
worker threads, so a new listing replaces the old in one step and is never changed after.
"""
from __future__ import annotations

from typing import Optional

import rasa.shared.utils.common
from rasa.shared.core.events import Event

#: Rasa's own lookup, which this one must agree with (tests/unit/test_event_types.py compares them).
RASA_LOOKUP = Event.resolve_by_type
_classes: dict[str, type[Event]] = {}


def _listed_classes() -> dict[str, type[Event]]:
    classes: dict[str, type[Event]] = {}
    for cls in rasa.shared.utils.common.all_subclasses(Event):
        classes.setdefault(cls.type_name, cls)
    return classes


def resolve_by_type(type_name: str, default: Optional[type[Event]] = None) -> Optional[type[Event]]:
    """The event class for `type_name`, as Rasa's `Event.resolve_by_type` finds it."""
    global _classes
    found = _classes.get(type_name)
    if found is None:
        _classes = _listed_classes()
        found = _classes.get(type_name)
    # Rasa's own answer for names no class has: None ("topic"), the default, or an error
    return found if found is not None else RASA_LOOKUP(type_name, default)


def install() -> None:
    """Use the listed lookup in this process (idempotent)."""
    Event.resolve_by_type = staticmethod(resolve_by_type)
