"""What the safety classifier learns as ordinary text from the topic classifier's training data."""
from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_plugins.nlu.safety import questions_of


def test_only_the_assistants_own_questions_are_taught_as_ordinary() -> None:
    """Off-topic examples often tell of a family and social services; learnt as ordinary, they cost recall."""
    data = TrainingData(training_examples=[
        Message(data={"text": "can i bring a friend to the conference", "intent": "ask_supporter"}),
        Message(data={"text": "the hospital did a cp medical for a bruise on her leg", "intent": "out_of_scope"}),
    ])
    assert [text for text, _ in questions_of(data)] == ["can i bring a friend to the conference"]
