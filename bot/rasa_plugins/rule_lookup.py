"""RulePolicy's search for the rules that fit a conversation, with the rules indexed once.

Rasa 3.6 tests every rule against every turn of the conversation, for every action it
predicts: with 656 rule states that was 11-14% of a Rasa server's time under load. Nearly every rule
ends on one previous action and one intent, and a rule can only fit if both equal the
conversation's. Here the rules are grouped by that pair once, so only the few rules of the
current pair (and those that do not name one) are tested, by Rasa's own test, turn by turn.
The answer is the same set of rules as Rasa's search gives (compared on the trained model's
rules in tests/e2e/test_model_quality.py, and on other rule shapes in tests/unit/test_rule_lookup.py).

The index is rebuilt whenever the rules change (during training Rasa adds and removes some).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Optional

from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.constants import PREVIOUS_ACTION, SHOULD_NOT_BE_SET, USER
from rasa.shared.core.domain import State
from rasa.shared.nlu.constants import ACTION_NAME, INTENT

Pair = tuple[Optional[str], Optional[str]]

#: Rasa's own search, which this one must agree with (tests/e2e/test_model_quality.py compares them).
RASA_SEARCH = RulePolicy._get_possible_keys


def _named(state: State, sub_state: str, key: str) -> Optional[str]:
    """The one value a state gives for a key, or None where it names none (so any value fits)."""
    value = state.get(sub_state, {}).get(key)
    return value if isinstance(value, str) and value and value != SHOULD_NOT_BE_SET else None


def _pair(state: State) -> Pair:
    return _named(state, PREVIOUS_ACTION, ACTION_NAME), _named(state, USER, INTENT)


def _rule_pair(last_state: State) -> Pair:
    """The pair a rule's last state names; a rule starting a conversation (no previous action) names
    none, since Rasa takes such a rule for any conversation start, whatever its intent."""
    return _pair(last_state) if last_state.get(PREVIOUS_ACTION) else (None, None)


class RuleIndex:
    """The keys of one rule lookup, grouped by the (previous action, intent) of each rule's last state."""

    def __init__(self, lookup: dict[str, str]) -> None:
        self.keys = frozenset(lookup)
        self._by_pair: dict[Pair, set[str]] = defaultdict(set)
        for key in self.keys:
            self._by_pair[_rule_pair(RulePolicy._rule_key_to_state(key)[-1])].add(key)

    def candidates(self, state: State) -> set[str]:
        """Every rule whose last state could fit `state`: its pair, or a rule naming less."""
        action, intent = _pair(state)
        found: set[str] = set()
        for pair in {(action, intent), (action, None), (None, intent), (None, None)}:
            found |= self._by_pair.get(pair, set())
        return found


_indexes: dict[int, RuleIndex] = {}


def _index_of(lookup: dict[str, str]) -> RuleIndex:
    index = _indexes.get(id(lookup))
    if index is None or index.keys != lookup.keys():
        index = _indexes[id(lookup)] = RuleIndex(lookup)
    return index


def possible_keys(policy: RulePolicy, lookup: dict[str, str], states: list[State]) -> set[str]:
    """The rules that fit the conversation's states (the last state is the current one)."""
    if not states:
        return set(lookup)
    keys = _index_of(lookup).candidates(states[-1])
    for turn, state in enumerate(reversed(states)):
        keys = {key for key in keys if policy._is_rule_applicable(key, turn, state)}
    return keys


def install() -> None:
    """Use the indexed search in this process (idempotent)."""
    RulePolicy._get_possible_keys = possible_keys
