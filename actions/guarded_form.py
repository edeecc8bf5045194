"""The dialogue contract every form keeps, in the style of RasaHQ/financial-demo's custom forms.

- A crisis message is never an answer. The guard policy replies to it first and Rasa then
  runs the form again without validating; here nothing of that message is kept and the
  same question comes again.
- After another guard reply (another nation, a boundary) Rasa skips validation too; the
  answer is validated here like any other.
- Controls: "stop", "go back" (along `order`), "change my ..." and "skip" mean the same in
  every form; each form says what they do to its own slots through the hooks below.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.turns import Reply, filled_this_turn, read_reply, slot_asked_last_turn

REQUESTED_SLOT = "requested_slot"


class GuardedFormValidationAction(FormValidationAction, ABC):
    """A form validation action that keeps the contract above."""

    #: The slots in the order the form asks them; "go back" steps back along it.
    order: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def name(self) -> str:
        """validate_<form name>."""

    def asked_slot(self, tracker: Tracker) -> Optional[str]:
        """The form's slot the latest message answered, if any."""
        asked = slot_asked_last_turn(tracker) or tracker.get_slot(REQUESTED_SLOT)
        return asked if asked in self.order else None

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        asked = self.asked_slot(tracker)
        if asked is not None:
            if read_reply(tracker).crisis:
                response = self.not_kept_response(asked)
                if response:
                    dispatcher.utter_message(response=response)
                return [SlotSet(asked, None), SlotSet(REQUESTED_SLOT, asked)]
            if asked not in tracker.slots_to_validate():
                value = filled_this_turn(tracker, asked)
                if value is not None:
                    tracker.events.append({"event": "slot", "name": asked, "value": value})
        return await super().run(dispatcher, tracker, domain)

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> list[EventType]:
        if read_reply(tracker).crisis:  # e.g. the message that started the form
            return [SlotSet(slot, None) for slot in tracker.slots_to_validate()]
        return await super().get_validation_events(dispatcher, tracker, domain)

    # -- controls --------------------------------------------------------------------------------

    def control_values(self, slot: str, reply: Reply, dispatcher: CollectingDispatcher,
                       tracker: Tracker) -> Optional[dict[str, Any]]:
        """The slot values for a control (stop, go back, change, skip), or None when the reply is not one."""
        control = reply.control
        if control == "stop":
            return self.stop(slot)
        if control == "go_back":
            return self.step_back(slot, dispatcher)
        if control == "change_answer":
            target = self.change_target(slot, reply)
            return {slot: None, target: None} if target else self.change_unnamed(slot, dispatcher)
        if control == "skip":
            return self.skip(slot, tracker)
        return None

    def step_back(self, slot: str, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        """Clear this slot and the one before it, so the form asks that one again."""
        index = self.order.index(slot)
        if index == 0:
            return self.at_first_question(slot, dispatcher)
        return {slot: None, self.order[index - 1]: None}

    # -- hooks -------------------------------------------------------------------------------------

    def not_kept_response(self, slot: str) -> Optional[str]:
        """Said after a crisis message came as the answer to `slot` (None: nothing more)."""
        return None

    def stop(self, slot: str) -> dict[str, Any]:
        """Values when they ask to stop."""
        return {slot: None}

    def at_first_question(self, slot: str, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        """Values for "go back" on the first question: ask it again."""
        return {slot: None}

    def change_target(self, slot: str, reply: Reply) -> Optional[str]:
        """The slot they named in "change my ...", when this question lets them jump to it."""
        return None

    def change_unnamed(self, slot: str, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        """Values for "change" without a named answer: step back."""
        return self.step_back(slot, dispatcher)

    def skip(self, slot: str, tracker: Tracker) -> dict[str, Any]:
        """Values for "skip": ask again (a form whose questions can be skipped overrides this)."""
        return {slot: None}
