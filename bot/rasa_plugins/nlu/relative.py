""""Can I go?" from a grandparent, aunt or uncle asks about the wider family, not about parents.

The topic model reads "Jestem babcią. Czy mogę przyjść na konferencję?" as the parent's "can I
go?", because nearly all its words are that question's. Who "I" is changes the answer: a relative
who looks after the child is invited as the child's carer (ask_kinship_carer); other relatives
can take part when the chair agrees (ask_grandparent). Writers say they are a relative in words
that can be listed (data/knowledge/relative_cues.yml); "the children have lived with me since
March" is said in too many ways, so which of the two answers fits is left to the model's ranking.
"""
from __future__ import annotations

from pathlib import Path

import yaml
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.classify.text import cue_pattern, normalise
from bot.rasa_plugins.nlu.annotator import MessageAnnotator
from bot.rasa_plugins.nlu.topic_classifier import Ranking
from bot.settings import DATA_DIR

CUES_FILE = DATA_DIR / "knowledge" / "relative_cues.yml"
#: The question whose answer depends on whether the writer is a parent or a relative.
CAN_I_GO = "ask_can_i_attend"
#: The relatives' answers; the first is used when the model ranks neither.
RELATIVES_ANSWERS = ("ask_grandparent", "ask_kinship_carer")


class RelativeCues:
    """Whether a message's writer says they are the child's grandparent, aunt or uncle."""

    def __init__(self, path: Path = CUES_FILE) -> None:
        self._pattern = cue_pattern(yaml.safe_load(path.read_text(encoding="utf-8"))["relative"])

    def written_by_relative(self, text: str) -> bool:
        return bool(self._pattern.search(normalise(text)))


def relatives_answer(ranking: Ranking) -> str:
    """Whichever relatives' answer the model ranks higher."""
    confidence = {entry["name"]: entry["confidence"] for entry in ranking}
    return max(RELATIVES_ANSWERS, key=lambda name: (confidence.get(name, 0.0), -RELATIVES_ANSWERS.index(name)))


def answered_as(ranking: Ranking, name: str) -> Ranking:
    """The ranking with `name` first at the first entry's confidence, and that entry where `name` was.

    The rest keep their order: the topic classifier has already put unsure intents last."""
    top = ranking[0]
    displaced = next((entry["confidence"] for entry in ranking if entry["name"] == name), 0.0)
    rest = [{**entry, "confidence": displaced} if entry is top else entry
            for entry in ranking if entry["name"] != name]
    return [{"name": name, "confidence": top["confidence"]}, *rest]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class RelativeAsking(MessageAnnotator):
    """Turns "can I go?" into the relatives' question when a relative asks it; see the module docstring."""

    def __init__(self, cues: RelativeCues) -> None:
        self._cues = cues

    @classmethod
    def build(cls) -> RelativeAsking:
        return cls(RelativeCues())

    def annotate(self, message: Message, text: str, is_payload: bool) -> None:
        ranking = message.get(INTENT_RANKING_KEY) or []
        if is_payload or not ranking or ranking[0]["name"] != CAN_I_GO or not self._cues.written_by_relative(text):
            return
        ranking = answered_as(ranking, relatives_answer(ranking))
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        message.set(INTENT, ranking[0], add_to_output=True)
