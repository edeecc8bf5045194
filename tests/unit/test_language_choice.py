"""Which language a message sets: a named choice, then the language written in, then the page's."""
from __future__ import annotations

import pytest

from bot.classify.linear import LinearTextModel
from bot.i18n import babel_locale, normalise_language
from bot.rasa_plugins.nlu.language import LanguageSetter, WrittenLanguage, choose_language, example_language
from tests.support.nlu_data import training_messages


@pytest.fixture(scope="module")
def written() -> WrittenLanguage:
    """The language model as the assistant trains it: on its own training questions."""
    examples = training_messages()
    model = LinearTextModel.train([e.get("text") for e in examples], [example_language(e) for e in examples])
    defaults = LanguageSetter.get_default_config()
    return WrittenLanguage(model, defaults["min_confidence"], defaults["min_letters"])


@pytest.mark.parametrize(
    ("text", "metadata", "expected"),
    [
        ("Polski", None, "pl"),
        ("polish please", {"language": "en"}, "pl"),
        ("in romana va rog", None, "ro"),
        ("العربية", None, "ar"),
        ("میں کانفرنس میں جا سکتی ہوں؟", None, "ur"),
        ("আমি কি সভায় যেতে পারি", None, "bn"),
        ("czy mogę przyjść z koleżanką na konferencję", {"language": "en"}, "pl"),
        ("czy moge przyjsc z kolezanka na konferencje", {"language": "en"}, "pl"),
        ("Pot să vin cu un prieten la conferință?", None, "ro"),
        ("posso levar um amigo para a reunião", None, "pt"),
        ("kya main apni behen ko meeting mein la sakti hoon", {"language": "en"}, "ur"),
        ("ami ki meeting e amar bon ke nite pari", {"language": "en"}, "bn"),
        ("momken ajeeb sa7bti ma3aya lel ejtima3", {"language": "en"}, "ar"),
        ("can I bring my friend to the meeting", {"language": "pl"}, "pl"),   # an interpreter on a Polish page
        ("can I bring my friend to the meeting", {"language": "en"}, "en"),
        ("can I bring my friend to the meeting", None, "en"),
        ("english please", {"language": "pl"}, "en"),
        ("hello", {"language": "pl"}, "pl"),
        ("ok", {"language": "ur"}, "ur"),
        ("ok", None, None),
        ("hi", {"language": "xx"}, None),
        ("hi", "not a dict", None),
    ],
)
def test_choose_language(written: WrittenLanguage, text: str, metadata: object, expected: str | None) -> None:
    assert choose_language(text, metadata, written(text)) == expected


def test_client_language_codes_are_normalised() -> None:
    assert normalise_language("pl-PL") == "pl"
    assert normalise_language("PT_br") == "pt"
    assert normalise_language(42) == "en"
    assert normalise_language("klingon") == "en"
    assert str(babel_locale("en")) == "en_GB"
