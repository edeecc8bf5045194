"""Rasa's lookup of an event's class by its type name, with the classes listed once.

Rasa 3.6 walks every subclass of `Event` (recursively) to find the class of each stored event it
reads back (`Event.resolve_by_type`). The tracker store reads a conversation's events on every turn,
so under load this walk was 11% of a Rasa server's CPU. Here the classes are listed by type name once,
keeping the first in Rasa's own walk order for a name used twice, and listed again only when a name is
not found (a class defined since), so the answer is always the one Rasa's walk gives.
"""
from __future__ import annotations

from typing import Optional

import rasa.shared.utils.common
from rasa.shared.core.events import Event

#: Rasa's own lookup, which this one must agree with (tests/unit/test_event_types.py compares them).
RASA_LOOKUP = Event.resolve_by_type
_classes: dict[str, type[Event]] = {}


def _list_classes() -> None:
    _classes.clear()
    for cls in rasa.shared.utils.common.all_subclasses(Event):
        _classes.setdefault(cls.type_name, cls)


def resolve_by_type(type_name: str, default: Optional[type[Event]] = None) -> Optional[type[Event]]:
    """The event class for `type_name`, as Rasa's `Event.resolve_by_type` finds it."""
    if type_name not in _classes:
        _list_classes()
    if type_name in _classes:
        return _classes[type_name]
    return RASA_LOOKUP(type_name, default)   # Rasa's own answer for unknown names: None, default or an error


def install() -> None:
    """Use the listed lookup in this process (idempotent)."""
    Event.resolve_by_type = staticmethod(resolve_by_type)
