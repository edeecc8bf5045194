"""Event classes listed once by type name: the same class as Rasa's own walk finds, for every name."""
from __future__ import annotations

import pytest
import rasa.shared.utils.common
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

import bot.rasa_plugins  # noqa: F401 - installs the listed lookup
from bot.rasa_plugins.event_types import RASA_LOOKUP, resolve_by_type

TYPE_NAMES = sorted({cls.type_name for cls in rasa.shared.utils.common.all_subclasses(Event)})


def test_the_listed_lookup_is_the_one_rasa_uses() -> None:
    assert Event.resolve_by_type is resolve_by_type


@pytest.mark.parametrize("type_name", TYPE_NAMES)
def test_every_type_name_gives_the_class_rasas_walk_gives(type_name: str) -> None:
    assert resolve_by_type(type_name) is RASA_LOOKUP(type_name)


def test_unknown_names_are_answered_as_rasa_answers_them() -> None:
    assert resolve_by_type("topic") is None
    assert resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError):
        resolve_by_type("no_such_event")


def test_a_class_defined_later_is_found() -> None:
    class LateEvent(ActionExecuted):
        type_name = "late_event_for_test"

    assert resolve_by_type("late_event_for_test") is LateEvent


def test_stored_events_read_back_as_the_same_events() -> None:
    events = [UserUttered("hello", {"name": "greet", "confidence": 1.0}), ActionExecuted("utter_greet"),
              SlotSet("language", "pl")]
    assert [Event.from_parameters(event.as_dict()) for event in events] == events
