"""The assistant in the family's language, end to end over REST."""
from __future__ import annotations

import re
import uuid

import pytest

from tests.support.stack import texts

pytestmark = pytest.mark.e2e

#: A character class that only text in each language's script (or alphabet) contains.
SCRIPT = {
    "pl": r"[ąćęłńśźżó]", "ro": r"[ăâîșț]", "pt": r"[ãõçáéíóúâêô]",
    "ur": r"[\u0600-\u06ff]", "ar": r"[\u0600-\u06ff]", "bn": r"[\u0980-\u09ff]",
}


def new_sender() -> str:
    return f"lang-{uuid.uuid4().hex}"


def customs(replies: list[dict]) -> list[dict]:
    return [reply["custom"] for reply in replies if "custom" in reply]


@pytest.mark.parametrize("lang", sorted(SCRIPT))
@pytest.mark.parametrize("payload", ["/ask_supporter", "/ask_interpreter", "/ask_reports"])
def test_answers_come_back_in_the_chosen_language(stack, lang: str, payload: str) -> None:
    replies = stack.talk(new_sender(), payload, language=lang)
    text = texts(replies)
    assert re.search(SCRIPT[lang], text), text
    assert "Where this comes from" not in text  # the English source line is translated too
    assert {c.get("lang") for c in customs(replies)} == {lang}


def test_crisis_reply_in_the_users_language(stack) -> None:
    text = texts(stack.talk(new_sender(), "chcę umrzeć", language="pl"))
    assert "116 123" in text and re.search(SCRIPT["pl"], text)


def test_conference_date_in_the_locales_own_format(stack) -> None:
    sender = new_sender()
    stack.talk(sender, "kiedy jest moja konferencja", language="pl")
    stack.talk(sender, "CPC-DEMO-0002", language="pl")
    text = texts(stack.talk(sender, "ASPEN-1414", language="pl"))
    assert "31 marca 2027" in text and "14:00" in text


def test_switching_language_mid_conversation(stack) -> None:
    sender = new_sender()
    first = texts(stack.talk(sender, "can i bring a friend"))
    assert not re.search(SCRIPT["ro"], first)
    stack.talk(sender, "/set_language{\"language\": \"ro\"}")
    assert re.search(SCRIPT["ro"], texts(stack.talk(sender, "/ask_supporter")))
    stack.talk(sender, "English")
    assert "friend" in texts(stack.talk(sender, "/ask_supporter"))


def test_writing_in_polish_switches_to_polish(stack) -> None:
    text = texts(stack.talk(new_sender(), "czy mogę przyjść na konferencję z koleżanką"))
    assert re.search(SCRIPT["pl"], text)


def test_interpreter_view_carries_the_english(stack) -> None:
    sender = new_sender()
    stack.talk(sender, "/i_am_interpreter", language="ar")
    replies = stack.talk(sender, "/ask_supporter", language="ar")
    english = [c["english"] for c in customs(replies) if "english" in c]
    assert english and "friend" in english[0]
    assert re.search(SCRIPT["ar"], texts(replies))
