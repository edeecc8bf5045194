"""Age-aware answers for a young person: "can I go?", "do I have to go?".

The answer differs under and over the council's {child_attend_age} (usually 12), so the
assistant asks their age, once, and only when it matters (age_form). They can decline: then
the answer covers both ages. An age they already gave ("im 13 and...") is used without asking.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.guarded_form import GuardedFormValidationAction
from actions.my_views_common import child_attend_age, is_young_person
from actions.parsing import parse_age
from actions.turns import read_reply

GIVEN, DECLINED = "given", "declined"


class ValidateAgeForm(GuardedFormValidationAction):
    """Reads the age from the reply; anything else (including "rather not say", "stop" or
    "skip") is a no, and the answer then covers both ages."""

    order = ("age_answer",)

    def name(self) -> str:
        return "validate_age_form"

    def stop(self, slot: str) -> dict[str, Any]:
        return {slot: DECLINED}

    def skip(self, slot: str, tracker: Tracker) -> dict[str, Any]:
        return {slot: DECLINED}

    def at_first_question(self, slot: str, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        return {slot: DECLINED}  # there is no earlier question: "go back" is a no too

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        if not is_young_person(tracker) or tracker.get_slot("age") is not None:
            return []
        return domain_slots

    def validate_age_answer(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> dict[str, Any]:
        reply = read_reply(tracker)
        if reply.control == "deny":
            return {"age_answer": DECLINED}
        controlled = self.control_values("age_answer", reply, dispatcher, tracker)
        if controlled is not None:
            return controlled
        age = parse_age(reply.text, reply.entity("age"))
        if age is None:
            return {"age_answer": DECLINED}
        return {"age_answer": GIVEN, "age": float(age)}


class ActionAnswerByAge(Action):
    """The answer to "can I go / do I have to go", for their age when known."""

    def name(self) -> str:
        return "action_answer_by_age"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if not is_young_person(tracker):
            dispatcher.utter_message(response="utter_have_to_go")
        else:
            age = tracker.get_slot("age")
            if age is None:
                dispatcher.utter_message(response="utter_attend_any_age")
            elif float(age) < child_attend_age():
                dispatcher.utter_message(response="utter_attend_under_age")
            else:
                dispatcher.utter_message(response="utter_attend_over_age")
        # Every action returns an event (the guard policy reads none as a failure).
        return [SlotSet("age_answer", tracker.get_slot("age_answer"))]
