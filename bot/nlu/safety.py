"""The safety layer inside the NLU pipeline.

Runs the spaCy rule detector (bot.safety.detector) over every message in every shipped
language and records what it found as `safety` in the parse data. The GuardPolicy acts on it.
"""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.message import Message

from bot.i18n import LANGUAGES
from bot.nlu.annotator import MessageAnnotator
from bot.safety.detector import SafetyDetector

SAFETY = "safety"


def scan(detector: SafetyDetector, text: str) -> list[dict[str, Any]]:
    """Findings for `text` in any shipped language, most urgent first, without repeats."""
    seen: set[tuple[str, Any]] = set()
    findings: list[dict[str, Any]] = []
    for lang in LANGUAGES:
        for finding in detector.detect(text, lang):
            key = (finding.category, finding.nation)
            if key not in seen:
                seen.add(key)
                findings.append(asdict(finding))
    return findings


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class SafetyAnnotator(MessageAnnotator):
    """Marks each message with what the safety rules found."""

    def __init__(self, detector: SafetyDetector) -> None:
        self._detector = detector

    @classmethod
    def build(cls) -> "SafetyAnnotator":
        return cls(SafetyDetector.from_directory())

    def annotate(self, message: Message, text: str, is_payload: bool) -> None:
        # A button payload is not something the user typed.
        message.set(SAFETY, [] if is_payload else scan(self._detector, text), add_to_output=True)
