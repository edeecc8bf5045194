"""Which language a message sets: a named choice, then the language written in, then the page's."""
from __future__ import annotations

import pytest

from bot.i18n import babel_locale, normalise_language
from bot.nlu.language import choose_language


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
        ("Pot să vin cu un prieten la conferință?", None, "ro"),
        ("posso levar um amigo para a reunião", None, "pt"),
        ("hello", {"language": "pl"}, "pl"),
        ("can I bring my friend to the meeting", {"language": "xx"}, None),
        ("can I bring my friend to the meeting", "not a dict", None),
        ("ok", None, None),
    ],
)
def test_choose_language(text: str, metadata: object, expected: str | None) -> None:
    assert choose_language(text, metadata) == expected


def test_client_language_codes_are_normalised() -> None:
    assert normalise_language("pl-PL") == "pl"
    assert normalise_language("PT_br") == "pt"
    assert normalise_language(42) == "en"
    assert normalise_language("klingon") == "en"
    assert str(babel_locale("en")) == "en_GB"
