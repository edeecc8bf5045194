"""Rasa's FallbackClassifier, with its threshold set per language where one was measured to need it.

Below the threshold the assistant asks "Did you mean...?" instead of answering. Questions typed in
Arabic dialects and Arabizi reach lower confidences than the other languages for the same share of
right answers: on the Arabic typed sets already read (docs/decisions.md, ADR 6) a threshold of 0.25
answered 1.4% more of them rightly than 0.3, with no more wrong answers. A message's language is the
one LanguageSetter found in it; without one, the general threshold applies.
"""
from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.fallback_classifier import THRESHOLD_KEY, FallbackClassifier, _fallback_intent
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.i18n import normalise_language
from bot.rasa_plugins.nlu.language import found_language

BY_LANGUAGE_KEY = "threshold_by_language"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LanguageFallbackClassifier(FallbackClassifier):
    """FallbackClassifier whose confidence threshold may differ by the message's language."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**FallbackClassifier.get_default_config(), BY_LANGUAGE_KEY: {}}

    def threshold_for(self, message: Message) -> float:
        by_language: dict[str, float] = self.component_config.get(BY_LANGUAGE_KEY) or {}
        language = found_language(message.get(ENTITIES))
        return float(by_language.get(normalise_language(language) if language else "",
                                     self.component_config[THRESHOLD_KEY]))

    def process(self, messages: list[Message]) -> list[Message]:
        """As Rasa's, with the fallback's confidence the threshold that applied to the message."""
        for message in messages:
            if self._should_fallback(message):
                fallback = _fallback_intent(self.threshold_for(message))
                message.data[INTENT] = fallback
                message.data.setdefault(INTENT_RANKING_KEY, []).insert(0, fallback)
        return messages

    def _nlu_confidence_below_threshold(self, message: Message) -> tuple[bool, float]:
        confidence = message.data[INTENT].get(PREDICTED_CONFIDENCE_KEY)
        return confidence < self.threshold_for(message), confidence
