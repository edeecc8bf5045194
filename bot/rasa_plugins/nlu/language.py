"""Decide the conversation's language for each message and expose it as the `language` entity.

Order: an explicit choice in the message (a language's own name in a short message), then
the language the message is written in, then the language the web page sent as metadata.
The `language` slot takes the entity, so a question typed in Polish on an English page is
answered in Polish in the same turn, and the conversation carries on in Polish. English typed
on a page set to another language keeps that language (interpreters type English there).

The written language comes from a small model trained with the assistant on its own
training questions, whose files say their language (romanised Urdu and Bengali included).
On short typed questions it beat both hand-made script and word rules and the
lingua-language-detector package (docs/decisions.md). It only switches the language when it
is sure, and never on a message of one short word ("ok", "hi").
"""
from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any, Optional

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.classify.linear import LinearTextModel
from bot.languages import LANGUAGES, SOURCE_LANGUAGE
from bot.rasa_plugins.nlu.stored_model import StoredModelComponent

ENTITY = "language"
#: The message attribute holding the language the message is written in, when the model is sure
#: (None otherwise): the safety layer reads the message with that language's cues first.
WRITTEN_LANGUAGE = "written_language"
#: What the personal-details masker leaves in a message (bot/privacy/personal_details.py).
MASKED_DETAIL = re.compile(r"\[[a-z ]+ removed\]")
logger = logging.getLogger(__name__)

#: Names people type to choose a language, folded to lower case without accents.
LANGUAGE_NAMES: dict[str, str] = {name: code for code, info in LANGUAGES.items() for name in info.typed_names}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def explicit_choice(text: str) -> Optional[str]:
    """A language named in a short message ("Polski", "polish please", "in romana")."""
    words = re.findall(r"\w+", _fold(text)) + re.findall(r"\w+", text.lower())
    if len(words) > 8:  # both spellings are counted: at most four words typed
        return None
    return next((LANGUAGE_NAMES[word] for word in words if word in LANGUAGE_NAMES), None)


def found_language(entities: Any) -> Optional[str]:
    """The language LanguageSetter put among a message's entities, if any (as it was set: not normalised)."""
    return next((entity.get("value") for entity in entities or []
                 if entity.get("entity") == ENTITY and isinstance(entity.get("value"), str)), None)


def example_language(message: Message) -> str:
    """The language a training example is written in (`metadata: language:` on its intent block)."""
    metadata = message.get("metadata") or {}
    language = (metadata.get("intent") or {}).get("language") or metadata.get("language")
    return language if language in LANGUAGES else SOURCE_LANGUAGE


class WrittenLanguage:
    """Which shipped language a message is written in, when that is clear."""

    def __init__(self, model: LinearTextModel, min_confidence: float, min_letters: int) -> None:
        self.model = model
        self.min_confidence = min_confidence
        self.min_letters = min_letters

    def __call__(self, text: str) -> Optional[str]:
        text = MASKED_DETAIL.sub(" ", text)  # "[access code removed]" is our English, not theirs
        if sum(char.isalpha() for char in text) < self.min_letters:
            return None
        probabilities = self.model.probabilities([text])[0]
        best = int(np.argmax(probabilities))
        return self.model.labels[best] if probabilities[best] >= self.min_confidence else None


def choose_language(text: str, metadata: Any, detected: Optional[str]) -> Optional[str]:
    """The language this message sets, if any; `detected` is the language it is written in, when that is clear.

    English typed on a page set to another language keeps the page's language: interpreters and
    bilingual relatives type English there and want the family's language (with the English shown).
    """
    requested = metadata.get("language") if isinstance(metadata, dict) else None
    page = requested.lower().split("-")[0] if isinstance(requested, str) else None
    page = page if page in LANGUAGES else None
    if detected == SOURCE_LANGUAGE and page not in (None, SOURCE_LANGUAGE):
        detected = None
    return explicit_choice(text) or detected or page


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class LanguageSetter(StoredModelComponent):
    """Adds a `language` entity when the message sets the conversation's language."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"min_confidence": 0.8, "min_letters": 8}

    model_file = "language_identifier.joblib"
    without_model = "only language names and the page's language count."

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[LinearTextModel] = None) -> None:
        super().__init__(config, model_storage, resource, model)
        self._written = WrittenLanguage(model, config["min_confidence"], config["min_letters"]) if model else None

    def train(self, training_data: TrainingData) -> Resource:
        examples = [example for example in training_data.intent_examples if example.get(TEXT)]
        return self.save_model(LinearTextModel.train([example.get(TEXT) for example in examples],
                                                     [example_language(example) for example in examples]))

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue  # a button payload carries its own entities
            detected = self._written(text) if self._written else None
            message.set(WRITTEN_LANGUAGE, detected)
            language = choose_language(text, message.get("metadata"), detected)
            if language:
                entity = {"entity": ENTITY, "value": language, "start": 0, "end": len(text),
                          "confidence_entity": 1.0, "extractor": type(self).__name__}
                message.set(ENTITIES, [*message.get(ENTITIES, []), entity], add_to_output=True)
        return messages
