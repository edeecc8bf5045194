"""Rasa's check of action server responses, prepared once, accepts and rejects what Rasa's own does."""
from __future__ import annotations

import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

import bot.rasa_plugins  # noqa: F401 - installs the prepared check
from bot.rasa_plugins.action_results import validate_action_result

GOOD = [{"events": [], "responses": []},
        {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{"response": "utter_menu"}]}, {}]
BAD = [{"events": "nope"}, {"responses": {"text": "hi"}}, {"events": [1, 2]}]


def test_the_prepared_check_is_the_one_rasa_uses() -> None:
    assert RemoteAction._validate_action_result is validate_action_result


@pytest.mark.parametrize("response", GOOD)
def test_a_well_formed_response_passes_both_checks(response: dict) -> None:
    validate(response, RemoteAction.action_response_format_spec())
    assert RemoteAction("action_x", EndpointConfig("http://localhost"))._validate_action_result(response)


@pytest.mark.parametrize("response", BAD)
def test_a_malformed_response_fails_both_checks_with_rasas_advice(response: dict) -> None:
    with pytest.raises(ValidationError):
        validate(response, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        RemoteAction("action_x", EndpointConfig("http://localhost"))._validate_action_result(response)
