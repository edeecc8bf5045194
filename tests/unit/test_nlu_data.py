"""The NLU training data never teaches one question as two different intents."""
from __future__ import annotations

import re
from collections import defaultdict

from rasa.shared.nlu.training_data.loading import load_data

from bot.settings import DATA_DIR


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", "", text.lower()).split())


def test_no_question_is_taught_as_two_intents() -> None:
    intents_by_text: dict[str, set[str]] = defaultdict(set)
    for example in load_data(str(DATA_DIR / "nlu")).intent_examples:
        intents_by_text[_words(example.get("text"))].add(example.get("intent"))
    taught_twice = {text: sorted(intents) for text, intents in intents_by_text.items() if len(intents) > 1}
    assert taught_twice == {}
