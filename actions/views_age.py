"""Age-aware answers for a young person: "can I go?", "do I have to go?".

The answer differs under and over the council's {child_attend_age} (usually 12), so the
assistant asks their age, once, and only when it matters (age_form). They can decline: then
the answer covers both ages. An age they already gave ("im 13 and...") is used without asking.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.views_common import child_attend_age, is_young_person, read_reply

MIN_AGE, MAX_AGE = 4, 25
GIVEN, DECLINED = "given", "declined"
_NUMBER = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")
_WORDS = {"four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
          "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
          "eighteen": 18, "nineteen": 19}


def parse_age(text: str, entity: Optional[str] = None) -> Optional[int]:
    """An age from the NLU entity, digits ("im 13", "13 yrs") or an English number word."""
    for candidate in (entity, *_NUMBER.findall(text or "")):
        try:
            value = int(float(candidate)) if candidate is not None else None
        except (TypeError, ValueError):
            value = None
        if value is not None and MIN_AGE <= value <= MAX_AGE:
            return value
    for word in re.findall(r"[a-z]+", (text or "").lower()):
        if word in _WORDS:
            return _WORDS[word]
    return None


class ValidateAgeForm(FormValidationAction):
    """Reads the age from the reply; anything else (including "rather not say") is a no."""

    def name(self) -> str:
        return "validate_age_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        # A crisis message: the guard policy has replied, and Rasa runs the form without
        # validating the message. It is not taken as an answer: the question comes again.
        if read_reply(tracker).crisis and tracker.get_slot("requested_slot") == "age_answer":
            return [SlotSet("age_answer", None), SlotSet("requested_slot", "age_answer")]
        return await super().run(dispatcher, tracker, domain)

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        if not is_young_person(tracker) or tracker.get_slot("age") is not None:
            return []
        return domain_slots

    def validate_age_answer(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> dict[str, Any]:
        reply = read_reply(tracker)
        if reply.crisis:
            return {"age_answer": None}  # the safety reply came first; ask again
        if reply.control in {"deny", "skip", "stop"}:
            return {"age_answer": DECLINED}
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
