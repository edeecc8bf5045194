"""Which reply answers what the safety layer found.

Shared by the guard policy (the normal path) and the REST channel's last resort (a turn that
failed or ran out of time), so a crisis gets the same reply either way. Every response named
here is rendered inside Rasa's own process (bot/rasa_plugins/nlg.py): it never waits on the
NLG server or the action server.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Optional

#: Crisis category -> its reply, most urgent first.
CRISIS_RESPONSES: dict[str, str] = {
    "danger_now": "utter_crisis_danger",
    "self_harm": "utter_crisis_self_harm",
    "grooming": "utter_crisis_disclosure",
    "disclosure": "utter_crisis_disclosure",
    "neglect": "utter_crisis_disclosure",
    "domestic_abuse": "utter_crisis_domestic_abuse",
    "running_away": "utter_crisis_running_away",
    "other_child": "utter_crisis_other_child",
}
JURISDICTION_RESPONSES: dict[str, str] = {
    "wales": "utter_jurisdiction_wales",
    "scotland": "utter_jurisdiction_scotland",
    "northern_ireland": "utter_jurisdiction_northern_ireland",
}
ABUSIVE_RESPONSE = "utter_abuse_boundary"
DISTRESS_RESPONSE = "utter_distress_check_in"
SERVICE_DOWN_RESPONSE = "utter_service_unavailable"
#: The channel's reply when a whole turn failed or ran out of time (it names 999).
TURN_FAILED_RESPONSE = "utter_turn_failed"

GUARD_RESPONSES = frozenset(
    [*CRISIS_RESPONSES.values(), *JURISDICTION_RESPONSES.values(), ABUSIVE_RESPONSE, DISTRESS_RESPONSE,
     SERVICE_DOWN_RESPONSE]
)
#: Rendered in Rasa's process, never sent to another service.
LOCAL_RESPONSES = GUARD_RESPONSES | {TURN_FAILED_RESPONSE}


def is_crisis(finding: Mapping[str, Any]) -> bool:
    return finding.get("category") in CRISIS_RESPONSES


def crisis_response(findings: Iterable[Mapping[str, Any]]) -> Optional[str]:
    """The reply to the most urgent crisis among `findings`, or None when there is none."""
    categories = {finding.get("category") for finding in findings}
    return next((response for category, response in CRISIS_RESPONSES.items() if category in categories), None)


def first_safety_reply(findings: list[Mapping[str, Any]]) -> Optional[str]:
    """The guard's first reply: a crisis first, then another nation, then abuse towards staff, then distress."""
    crisis = crisis_response(findings)
    if crisis:
        return crisis
    for finding in findings:
        if finding.get("category") == "jurisdiction":
            return JURISDICTION_RESPONSES.get(finding.get("nation") or "", "utter_jurisdiction_wales")
    categories = {finding.get("category") for finding in findings}
    if "abusive" in categories:
        return ABUSIVE_RESPONSE
    if "distress" in categories:
        return DISTRESS_RESPONSE
    return None
