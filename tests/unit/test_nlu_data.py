"""The NLU training data never teaches one question as two different intents."""
from __future__ import annotations

from collections import defaultdict

from tests.support.nlu_data import normalised, taught_examples


def test_no_question_is_taught_as_two_intents() -> None:
    intents_by_text: dict[str, set[str]] = defaultdict(set)
    for text, intent in taught_examples():
        intents_by_text[normalised(text)].add(intent)
    taught_twice = {text: sorted(intents) for text, intents in intents_by_text.items() if len(intents) > 1}
    assert taught_twice == {}
