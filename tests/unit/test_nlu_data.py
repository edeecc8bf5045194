"""The NLU training data teaches each question one intent, sits where its topic is, and every test set names
intents it teaches."""
from __future__ import annotations

from collections import defaultdict

import yaml

from bot.languages import CODES
from bot.settings import DATA_DIR
from tests.reports import nlu as nlu_report
from tests.support.nlu_data import normalised, taught_examples


def test_no_question_is_taught_as_two_intents() -> None:
    intents_by_text: dict[str, set[str]] = defaultdict(set)
    for text, intent in taught_examples():
        intents_by_text[normalised(text)].add(intent)
    taught_twice = {text: sorted(intents) for text, intents in intents_by_text.items() if len(intents) > 1}
    assert taught_twice == {}


def test_every_test_question_is_labelled_with_a_taught_intent_or_none() -> None:
    """A mistyped label would count a right answer as wrong in every report."""
    known = {intent for _, intent in taught_examples()} | {"none"}
    unknown = {(title, label) for title, questions in nlu_report.test_sets() for question in questions
               for label in {question.intent, *question.also} if label not in known}
    assert unknown == set()


def test_every_language_keeps_each_intent_in_the_same_topic_file() -> None:
    """data/nlu/<language>/<topic>.yml: the same topics in every language, an intent in one topic only."""
    topic_of: dict[str, set[str]] = defaultdict(set)
    for code in CODES:
        folder = DATA_DIR / "nlu" / code
        assert sorted(path.name for path in folder.glob("*.yml")) == sorted(
            path.name for path in (DATA_DIR / "nlu" / "en").glob("*.yml")), code
        for path in folder.glob("*.yml"):
            for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
                topic_of[block["intent"]].add(path.stem)
                assert (block.get("metadata") or {}).get("language", "en") == code, (path, block["intent"])
    assert {intent: sorted(topics) for intent, topics in topic_of.items() if len(topics) > 1} == {}
