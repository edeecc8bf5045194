"""What the safety classifier learns as ordinary text from the topic classifier's training data."""
from __future__ import annotations

from pathlib import Path

import joblib
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_plugins.nlu.safety import (
    MODEL_FILE,
    SafetyAnnotator,
    questions_of,
    read_pinned_questions,
    write_pinned_questions,
)
from bot.safety.classifier import NONE, Example, SafetyClassifier, Scores


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


def _trained_scores(tmp_path: Path, name: str, topic_questions: TrainingData, probes: list[str]) -> list[Scores]:
    """Train the component in its own model storage on a small corpus and the pinned file under tmp_path."""
    config = {**SafetyAnnotator.get_default_config(), "corpus": str(tmp_path / "corpus"),
              "ordinary_questions": str(tmp_path / "ordinary_questions.yml")}
    (tmp_path / name).mkdir()
    storage, context = LocalModelStorage(tmp_path / name), ExecutionContext(GraphSchema({}))
    resource = SafetyAnnotator.create(config, storage, Resource("safety"), context).train(topic_questions)
    with storage.read_from(resource) as directory:   # the classifier as the model ships it
        return SafetyClassifier(joblib.load(directory / MODEL_FILE)).score_many(probes)


def test_new_topic_questions_do_not_move_the_safety_classifier(tmp_path: Path) -> None:
    """Adding questions for the topic classifier once cost 8 signposted crisis messages: the safety
    classifier learns the pinned sample, whatever the topic training data holds."""
    corpus = tmp_path / "corpus" / "en"
    corpus.mkdir(parents=True)
    for label, examples in (("self_harm", ["i want to die", "i took all my pills", "i cut myself again tonight"]),
                            ("none", ["what time is the meeting", "can my sister come", "the form is long"])):
        (corpus / f"{label}.yml").write_text(yaml.safe_dump({"language": "en", "label": label, "examples": examples}),
                                             encoding="utf-8")
    write_pinned_questions(tmp_path / "ordinary_questions.yml", [Example("can i bring a friend", NONE, "en")])
    probes = ["i want to die tonight", "can i bring my dad to the meeting", "i cut the form short"]
    few = TrainingData(training_examples=[Message(data={"text": "can i bring a friend", "intent": "ask_supporter"})])
    many = TrainingData(training_examples=[*few.training_examples, *(
        Message(data={"text": f"i want to know about the {word} part", "intent": "ask_plan"})
        for word in ("first", "second", "third", "last", "hard", "easy"))])
    assert _trained_scores(tmp_path, "few", few, probes) == _trained_scores(tmp_path, "many", many, probes)
