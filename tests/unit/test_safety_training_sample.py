"""What the safety classifier learns as ordinary text from the topic classifier's training data."""
from __future__ import annotations

from pathlib import Path

from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_plugins.nlu.safety import SafetyAnnotator, questions_of, read_pinned_questions, write_pinned_questions
from bot.safety.classifier import NONE, Example


def test_only_the_assistants_own_questions_are_taught_as_ordinary() -> None:
    """Off-topic examples, real quoted questions and long posts often tell of harm at home; learnt as ordinary,
    they cost recall."""
    data = TrainingData(training_examples=[
        Message(data={"text": "can i bring a friend to the conference", "intent": "ask_supporter"}),
        Message(data={"text": "the hospital did a cp medical for a bruise on her leg", "intent": "out_of_scope"}),
        Message.build("my partner has been abusive, why have they removed my child?", "ask_court_proceedings",
                      example_metadata={"source": "https://forum.example/thread/1"}),
        Message(data={"text": "My ex used to hit me years ago and the police came more than once. We split up and the "
                              "children are safe with me now, but the school has raised a worry again. Will the "
                              "old reports about him be read out at the conference?", "intent": "ask_reports"}),
    ])
    assert [text for text, _ in questions_of(data)] == ["can i bring a friend to the conference"]


def test_the_pinned_sample_keeps_its_order_and_language(tmp_path: Path) -> None:
    """The classifier's training order is the file's: a reordered sample would move the classifier."""
    examples = [Example("czy mogę przyjść z koleżanką", NONE, "pl"), Example("can i bring my mum", NONE, "en"),
                Example("kto przyjdzie na konferencję", NONE, "pl")]
    path = tmp_path / "ordinary_questions.yml"
    write_pinned_questions(path, examples)
    assert read_pinned_questions(path) == [
        ("czy mogę przyjść z koleżanką", "pl"), ("kto przyjdzie na konferencję", "pl"), ("can i bring my mum", "en")]


def test_a_change_to_the_pinned_sample_retrains_the_model(tmp_path: Path) -> None:
    """Rasa does not see the pinned file as training data: the component's fingerprint must."""
    path = tmp_path / "ordinary_questions.yml"
    write_pinned_questions(path, [Example("can i bring my mum", NONE, "en")])
    config = {"ordinary_questions": str(path)}
    before = SafetyAnnotator.fingerprint_addon(config)
    write_pinned_questions(path, [Example("can i bring my dad", NONE, "en")])
    assert SafetyAnnotator.fingerprint_addon(config) != before
