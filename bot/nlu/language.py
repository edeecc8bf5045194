"""Decide the conversation's language for each message and expose it as the `language` entity.

Order: an explicit choice in the message (a language's own name, or a button payload),
then clear evidence of the language the user is writing in, then the language the
web page sent as metadata. The `language` slot takes the entity, so the choice persists.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message

from bot.i18n import LANGUAGES
from bot.nlu.annotator import MessageAnnotator

ENTITY = "language"

#: Names people type to choose a language, folded to lower case without accents.
LANGUAGE_NAMES: dict[str, str] = {
    "english": "en", "polski": "pl", "polish": "pl", "polsku": "pl", "romana": "ro", "romanian": "ro", "romaneste": "ro",
    "اردو": "ur", "urdu": "ur", "العربية": "ar", "عربي": "ar", "arabic": "ar",
    "portugues": "pt", "portuguese": "pt", "বাংলা": "bn", "bangla": "bn", "bengali": "bn",
}

#: Words that are common in one language and rare in the others (folded, lower case).
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "pl": frozenset("czy jest nie moge mogę moj moje mojego jak kiedy gdzie dziecko dzieci sie się na do co "
                    "mam mnie jestem chce chcę przez tego ktory który prosze proszę spotkanie konferencja".split()),
    "ro": frozenset("este sunt nu pot copilul copiii meu mea cand când unde cum ce si și la pe "
                    "vreau trebuie sa să ma mă va vă intalnire întâlnire conferinta conferința".split()),
    "pt": frozenset("posso meu minha filho filha quando onde como nao não estou tenho voce você "
                    "reuniao reunião conferencia conferência que uma um para com isso".split()),
}
DIACRITICS: dict[str, str] = {"pl": "ąćęłńśźż", "ro": "ăâîșşțţ", "pt": "ãõçáéíóúâêô"}
URDU_LETTERS = set("ٹڈڑںےہھگکپچژ")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _script_language(text: str) -> Optional[str]:
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return None
    bengali = sum("\u0980" <= char <= "\u09ff" for char in letters)
    arabic_script = [char for char in letters if "\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f"]
    if bengali / len(letters) > 0.5:
        return "bn"
    if len(arabic_script) / len(letters) > 0.5:
        return "ur" if URDU_LETTERS & set(arabic_script) else "ar"
    return None


def detect_written_language(text: str) -> Optional[str]:
    """The language `text` is clearly written in, or None when the evidence is thin."""
    script = _script_language(text)
    if script:
        return script
    lowered = text.lower()
    words = re.findall(r"\w+", lowered)
    if len(words) < 3:
        return None
    scores = {lang: sum(word in vocabulary for word in words) for lang, vocabulary in FUNCTION_WORDS.items()}
    for lang, marks in DIACRITICS.items():
        if any(mark in lowered for mark in marks):
            scores[lang] += 2
    lang, score = max(scores.items(), key=lambda item: item[1])
    ranked = sorted(scores.values(), reverse=True)
    return lang if score >= 2 and score > ranked[1] else None


def explicit_choice(text: str) -> Optional[str]:
    """A language named in a short message ("Polski", "polish please", "in romana")."""
    words = re.findall(r"\w+", _fold(text)) + re.findall(r"\w+", text.lower())
    if len(words) > 8:  # both spellings are counted: at most four words typed
        return None
    return next((LANGUAGE_NAMES[word] for word in words if word in LANGUAGE_NAMES), None)


def choose_language(text: str, metadata: Any) -> Optional[str]:
    """The language this message sets, if any."""
    chosen = explicit_choice(text) or detect_written_language(text)
    if chosen:
        return chosen
    requested = metadata.get("language") if isinstance(metadata, dict) else None
    if isinstance(requested, str) and requested.lower().split("-")[0] in LANGUAGES:
        return requested.lower().split("-")[0]
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageSetter(MessageAnnotator):
    """Adds a `language` entity when the message sets the conversation's language."""

    def annotate(self, message: Message, text: str, is_payload: bool) -> None:
        if is_payload:
            return  # a button payload carries its own entities
        language = choose_language(text, message.get("metadata"))
        if language:
            entity = {"entity": ENTITY, "value": language, "start": 0, "end": len(text),
                      "confidence_entity": 1.0, "extractor": type(self).__name__}
            message.set(ENTITIES, [*message.get(ENTITIES, []), entity], add_to_output=True)
