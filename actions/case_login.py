"""The case look-up login: case reference, then access code (or both in one message)."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.case_service import case_service
from actions.guarded_form import GuardedFormValidationAction
from actions.parsing import split_reference_and_code
from bot.cases.lockout import LOCK_DURATION
from bot.cases.service import SESSION_IDLE, SessionStatus, VerifyOutcome

LOCKED = "locked"
VERIFIED = "verified"
#: Slot values after a failed attempt: the form asks for the reference again.
START_AGAIN = {"case_reference": None, "access_code": None}


class ValidateCaseLoginForm(GuardedFormValidationAction):
    """Checks the reference and code against the case database; never stores the code.

    Stop, menu and "forget me" end the log-in by rules (data/rules/case_lookup.yml).
    """

    order = ("case_reference", "access_code")

    def name(self) -> str:
        return "validate_case_login_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if case_service().session_status(tracker.sender_id) is SessionStatus.EXPIRED:
            dispatcher.utter_message(response="utter_case_session_expired",
                                     idle_minutes=int(SESSION_IDLE.total_seconds() // 60))
        return await super().run(dispatcher, tracker, domain)

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        if tracker.get_slot("case_login_result") == LOCKED:
            return []
        if case_service().session_status(tracker.sender_id) is SessionStatus.ACTIVE:
            return []
        return domain_slots

    def _verify(self, reference: str, code: str, dispatcher: CollectingDispatcher,
                tracker: Tracker) -> dict[str, Any]:
        outcome = case_service().verify(reference, code, tracker.sender_id)
        if outcome is VerifyOutcome.OK:
            return {"case_reference": reference, "access_code": VERIFIED, "case_login_result": VERIFIED}
        if outcome is VerifyOutcome.LOCKED:
            dispatcher.utter_message(response="utter_case_locked",
                                     lock_minutes=int(LOCK_DURATION.total_seconds() // 60))
            return {**START_AGAIN, "case_login_result": LOCKED}
        dispatcher.utter_message(response="utter_case_login_failed")
        return dict(START_AGAIN)

    def validate_case_reference(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: DomainDict) -> dict[str, Any]:
        reference, code = split_reference_and_code(str(value or ""))
        if reference is None:
            dispatcher.utter_message(response="utter_case_reference_format")
            return {"case_reference": None}
        if code is not None:
            return self._verify(reference, code, dispatcher, tracker)
        return {"case_reference": reference}

    def validate_access_code(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> dict[str, Any]:
        reference = tracker.get_slot("case_reference")
        if not reference:
            return dict(START_AGAIN)
        return self._verify(reference, str(value or "").strip(), dispatcher, tracker)
