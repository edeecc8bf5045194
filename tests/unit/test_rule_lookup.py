"""The indexed rule search finds the rules Rasa's own search finds (the trained model's rules are
compared in tests/e2e/test_model_quality.py; here, rule shapes that model happens not to have)."""
from __future__ import annotations

import json

import pytest
from rasa.core.policies.rule_policy import RulePolicy

from bot.rasa_plugins.rule_lookup import RASA_SEARCH, possible_keys

RULES = [
    [{"user": {"intent": "greet"}}],                                                       # a conversation start
    [{"user": {"intent": "greet"}, "prev_action": {"action_name": "action_listen"}}],
    [{"prev_action": {"action_name": "action_listen"}}],                                   # any intent
    [{"user": {"intent": "should_not_be_set"}, "prev_action": {"action_name": "action_listen"}}],
    [{"prev_action": {"action_name": "action_listen"}, "user": {"intent": "ask_reports"}},
     {"prev_action": {"action_name": "utter_reports"}, "user": {"intent": "ask_reports"}}],
]
CONVERSATIONS = [
    [{}], [{"user": {"intent": "bye"}}], [{"user": {"intent": "greet"}}],
    [{"user": {"intent": "greet"}, "prev_action": {"action_name": "action_listen"}}],
    [{"user": {"intent": "bye"}, "prev_action": {"action_name": "action_listen"}}],
    [{"prev_action": {"action_name": "action_listen"}, "user": {"intent": "ask_reports"}},
     {"prev_action": {"action_name": "utter_reports"}, "user": {"intent": "ask_reports"}}],
    [{"prev_action": {"action_text": "hello"}}],
]


@pytest.mark.parametrize("conversation", CONVERSATIONS)
def test_finds_the_rules_rasas_search_finds(conversation: list[dict]) -> None:
    policy = RulePolicy.__new__(RulePolicy)       # the search reads no trained state of its own
    lookup = {json.dumps(rule): "some_action" for rule in RULES}
    assert possible_keys(policy, lookup, conversation) == RASA_SEARCH(policy, lookup, conversation)
