"""The safety layer inside the NLU pipeline (bot/safety/layer.py decides; this wires it into Rasa).

For every typed message it records `safety` in the parse data: what the spaCy rule layer
(phrase lists in data/safety) found and what the trained classifier (corpus in
data/safety/corpus) adds. The GuardPolicy acts on it.

The classifier is trained with the model: on the corpus, plus a pinned sample of the assistant's
own topic questions (data/safety/ordinary_questions.yml) as ordinary messages, those the rules would
flag left out. The sample is pinned so that questions added for the topic classifier do not move the
safety classifier: drawn afresh from the training data at each training, a round of 520 questions in
seven languages once cost 8 crisis messages across the safety sets. `python -m bot
safety-questions` draws it again, on purpose. Its thresholds are in config.yml.
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import logging
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Optional

import joblib
import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, METADATA, METADATA_EXAMPLE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.classify.linear import Settings
from bot.languages import SOURCE_LANGUAGE
from bot.nlg.suggestions import SURE_QUESTION, sure_topic
from bot.rasa_plugins.nlu.language import WRITTEN_LANGUAGE, example_language
from bot.rasa_plugins.nlu.topic_classifier import AUDIENCE_ANSWERS, demote
from bot.safety.classifier import CRISIS_LABELS, NONE, Example, SafetyClassifier, read_corpus
from bot.safety.detector import SafetyDetector
from bot.safety.layer import WORD, SafetyLayer, Thresholds
from bot.settings import PROJECT_ROOT

SAFETY = "safety"
MODEL_FILE = "safety_classifier.joblib"
OUT_OF_SCOPE = "out_of_scope"   # not learnt as ordinary text (questions_of)
#: How many of each language's questions the pinned sample keeps.
QUESTIONS_PER_LANGUAGE = 1000
#: Longer training questions are forum-style posts, not learnt as ordinary text either (questions_of).
LONGEST_ORDINARY_QUESTION = 30   # words
logger = logging.getLogger(__name__)


def data_path(config: dict[str, Any], key: str) -> Path:
    """The corpus folder or the pinned questions file named in the component's configuration
    (`fingerprint_addon` is given the configuration without the defaults filled in)."""
    return PROJECT_ROOT / config.get(key, SafetyAnnotator.get_default_config()[key])


def ordinary_questions(questions: Iterable[tuple[str, str]], detector: SafetyDetector,
                       per_language: int) -> list[Example]:
    """The assistant's training questions, as (text, language), as non-crisis examples.

    Those the rules call a crisis are left out. At most `per_language` are kept for each language
    (a fixed choice by hash of the text): more questions in Bengali once outweighed its Bengali crisis
    corpus and lowered recall in Bengali by nine points. The choice is then pinned (module docstring).
    """
    by_language: dict[str, set[str]] = defaultdict(set)
    for text, language in questions:
        if text:
            by_language[language].add(text)
    examples = []
    for language, texts in sorted(by_language.items()):
        # in hash order, the rules read only as many questions as are kept
        ordinary = (text for text in sorted(texts, key=_stable_order)
                    if not any(finding.is_crisis for finding in detector.detect(text)))
        examples += [Example(text, NONE, language) for text in itertools.islice(ordinary, per_language)]
    return examples


def _stable_order(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def train_classifier(detector: SafetyDetector, config: dict[str, Any]) -> SafetyClassifier:
    """The classifier as the model trains it: the corpus plus the pinned sample of the assistant's questions
    (those the rules now call a crisis left out)."""
    ordinary = [Example(text, NONE, language)
                for text, language in read_pinned_questions(data_path(config, "ordinary_questions"))
                if not any(finding.is_crisis for finding in detector.detect(text))]
    return SafetyClassifier.train(read_corpus(data_path(config, "corpus")) + ordinary,
                                  Settings(alpha=config["alpha"], epochs=config["epochs"]))


def read_pinned_questions(path: Path) -> list[tuple[str, str]]:
    """(text, language) in the file's order: {language: [question, ...]}."""
    pinned = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return [(str(text), language) for language, texts in pinned.items() for text in texts]


def write_pinned_questions(path: Path, examples: Iterable[Example]) -> None:
    by_language: dict[str, list[str]] = defaultdict(list)
    for example in examples:
        by_language[example.language].append(example.text)
    header = ("# The assistant's own topic questions the safety classifier learns as ordinary text, drawn by\n"
              "# `python -m bot safety-questions` (bot/rasa_plugins/nlu/safety.py says why it is pinned).\n")
    Path(path).write_text(header + yaml.safe_dump(dict(by_language), allow_unicode=True, sort_keys=False, width=1000),
                          encoding="utf-8")


def pin_questions() -> None:
    """`python -m bot safety-questions [NLU_DATA_DIR]`: draw the sample again from the topic training data."""
    from rasa.shared.nlu.training_data.loading import load_data

    parser = argparse.ArgumentParser(prog="python -m bot safety-questions", description=pin_questions.__doc__)
    parser.add_argument("data_dir", nargs="?", type=Path, default=PROJECT_ROOT / "data" / "nlu",
                        help="the topic training data (default: data/nlu)")
    questions = questions_of(load_data(str(parser.parse_args().data_dir)))
    pinned = data_path({}, "ordinary_questions")
    write_pinned_questions(pinned, ordinary_questions(questions, SafetyDetector.from_directory(),
                                                      QUESTIONS_PER_LANGUAGE))
    print(f"wrote {pinned}")


def questions_of(training_data: TrainingData) -> list[tuple[str, str]]:
    """The assistant's own questions. Off-topic examples, real questions quoted from public pages and
    questions over LONGEST_ORDINARY_QUESTION words are left out. Many of them tell of a family and social
    services ("a CP medical for a bruise on her leg", "my partner has been abusive towards me, why have they
    removed my child?"), and teaching them as ordinary cost crisis recall: 180 long posts added for the topic
    classifier once lost 9 crisis messages across the real-source safety sets. Leaving them out also keeps
    the safety classifier from moving each time real questions or long posts are added."""
    questions = [(message.get(TEXT) or "", example_language(message)) for message in training_data.intent_examples
                 if message.get(INTENT) != OUT_OF_SCOPE and not quoted_from_a_page(message)]
    return [(text, language) for text, language in questions if len(WORD.findall(text)) <= LONGEST_ORDINARY_QUESTION]


def quoted_from_a_page(message: Message) -> bool:
    """Real questions keep their page's address as the example's `source` (data/nlu/real_questions.yml)."""
    metadata = message.get(METADATA)
    example = metadata.get(METADATA_EXAMPLE) if isinstance(metadata, dict) else None
    return isinstance(example, dict) and bool(example.get("source"))


def thresholds(config: dict[str, Any]) -> Thresholds:
    return Thresholds(crisis=config["crisis_threshold"], check_in=config["check_in_threshold"],
                      confirm=config["confirm_threshold"], distress=config["distress_threshold"])


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class SafetyAnnotator(GraphComponent):
    """Marks each typed message with what the safety layer found."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        defaults = Thresholds()
        return {"corpus": "data/safety/corpus", "crisis_threshold": defaults.crisis,
                "check_in_threshold": defaults.check_in, "confirm_threshold": defaults.confirm,
                "distress_threshold": defaults.distress, "alpha": 1e-5, "epochs": 20,
                "ordinary_questions": "data/safety/ordinary_questions.yml",
                # a conference question the topic classifier is this sure of (see SafetyLayer.findings)
                "question_confidence": SURE_QUESTION}

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> Optional[str]:
        """Retrain when the corpus or the pinned questions change: Rasa does not see them as training data."""
        digest = hashlib.sha256()
        for path in sorted(data_path(config, "corpus").rglob("*.yml")):
            digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
            digest.update(path.read_bytes())
        digest.update(data_path(config, "ordinary_questions").read_bytes())
        return digest.hexdigest()

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 detector: SafetyDetector, classifier: Optional[SafetyClassifier] = None) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._layer = SafetyLayer(detector, classifier, thresholds(config))

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> SafetyAnnotator:
        return cls(config, model_storage, resource, SafetyDetector.from_directory())

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> SafetyAnnotator:
        classifier = None
        try:
            with model_storage.read_from(resource) as directory:
                classifier = SafetyClassifier(joblib.load(directory / MODEL_FILE))
        except (ValueError, FileNotFoundError):
            logger.error("No trained safety classifier in the model: only the rules will run. Retrain the model.")
        return cls(config, model_storage, resource, SafetyDetector.from_directory(), classifier)

    def train(self, training_data: TrainingData) -> Resource:
        """The topic questions come from the pinned sample, not `training_data` (see the module docstring)."""
        classifier = train_classifier(self._layer.detector, self._config)
        self._layer.classifier = classifier
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(classifier.model, directory / MODEL_FILE, compress=3)
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            # A button payload ("/intent") is not something the user typed.
            findings = [] if text.startswith("/") else self._layer.findings(
                text, self._asking(message), message.get(WRITTEN_LANGUAGE) or SOURCE_LANGUAGE)
            message.set(SAFETY, findings, add_to_output=True)
            # "my dad hits me" scores high for "i am the dad": a crisis never says who is asking
            if any(finding["category"] in CRISIS_LABELS for finding in findings):
                demote(message, AUDIENCE_ANSWERS)
        return messages

    def _asking(self, message: Message) -> bool:
        """A conference question, or a "who is asking" answer, the topic classifier is sure of: a
        classifier-only alarm on it gets the check-in ("i am the mum" alone once scored 0.82)."""
        return sure_topic(message.get(INTENT) or {}, self._config["question_confidence"], AUDIENCE_ANSWERS) is not None
