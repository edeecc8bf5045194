"""First step of the NLU pipeline: personal details never reach the classifier or the parse data.

Phone numbers, emails, dates of birth, addresses, names and access codes carry no meaning for
what someone is asking, so the message is understood (and its parse data stored) with them masked.
The kinds found are kept as `personal_details` so the NLG server can remind the user gently.
The message's original text still reaches form slots (Rasa fills `from_text` slots from it), so a
case reference and access code can be checked; the tracker store masks them before writing.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.privacy.personal_details import find_personal_details, mask_text
from bot.rasa_plugins.nlu.annotator import MessageAnnotator

PERSONAL_DETAILS = "personal_details"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class PersonalDetailsMasker(MessageAnnotator):
    """Masks personal details in the text the rest of the pipeline sees."""

    def annotate(self, message: Message, text: str, is_payload: bool) -> None:
        kinds = [] if is_payload else find_personal_details(text)
        message.set(PERSONAL_DETAILS, kinds, add_to_output=True)
        if kinds:
            message.set(TEXT, mask_text(text), add_to_output=True)
