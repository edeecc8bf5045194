"""Notice when the writer is a young person, so the answer comes in a young person's voice.

Adds the entity `audience: young_person` when the message uses a young person's wording
("my plan", "taken away from my family", "im 14") and nothing that marks a parent ("my son").
The patterns are data: data/knowledge/young_person_cues.yml.
"""
from __future__ import annotations

from pathlib import Path

import yaml
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message

from bot.classify.text import cue_pattern, normalise
from bot.rasa_plugins.nlu.annotator import MessageAnnotator
from bot.settings import DATA_DIR

CUES_FILE = DATA_DIR / "knowledge" / "young_person_cues.yml"
ENTITY = "audience"
YOUNG_PERSON = "young_person"


class AudienceCues:
    def __init__(self, path: Path = CUES_FILE) -> None:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.young = cue_pattern(content["young_person"])
        self.parent = cue_pattern(content["parent_cues"])

    def sounds_young(self, text: str) -> bool:
        folded = normalise(text)
        return bool(self.young.search(folded)) and not self.parent.search(folded)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class AudienceDetector(MessageAnnotator):
    """Adds `audience: young_person` to a message written the way a young person writes."""

    def __init__(self, cues: AudienceCues) -> None:
        self._cues = cues

    @classmethod
    def build(cls) -> AudienceDetector:
        return cls(AudienceCues())

    def annotate(self, message: Message, text: str, is_payload: bool) -> None:
        if is_payload or not self._cues.sounds_young(text):
            return
        entity = {"entity": ENTITY, "value": YOUNG_PERSON, "start": 0, "end": len(text),
                  "confidence_entity": 1.0, "extractor": type(self).__name__}
        message.set(ENTITIES, [*message.get(ENTITIES, []), entity], add_to_output=True)
