"""The NLU training data teaches each question one intent, and every test set names intents it teaches."""
from __future__ import annotations

from collections import defaultdict

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
