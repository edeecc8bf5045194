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


def translated_start(response: str, lang: str) -> str:
    """The first words of a response as a parent sees it in `lang`."""
    from bot.nlg.render import render

    text = render(response, {"slots": {"language": lang, "audience": "parent"}, "events": []})["text"]
    return re.sub("[\u2066-\u2069]", "", text)[:30]


#: A question typed as families type it, the answer it needs, per language (none of them in training).
TYPED = {
    "pl": ("czy moge przyjsc na spotkanie z siostra?", "utter_supporter"),
    "ro": ("pot sa vin cu sora mea la sedinta?", "utter_supporter"),
    "pt": ("posso levar a minha irma na reuniao?", "utter_supporter"),
    "ar": ("هل ممكن اجيب اختي معي للاجتماع؟", "utter_supporter"),
    "ur": ("kya main apni behen ko meeting mein saath la sakti hoon?", "utter_supporter"),
    "bn": ("আমি কি মিটিংয়ে আমার বোনকে সাথে নিতে পারি?", "utter_supporter"),
}


@pytest.mark.parametrize("lang", sorted(TYPED))
def test_a_question_typed_in_another_language_is_answered_in_it_at_once(stack, lang: str) -> None:
    sender = new_sender()
    stack.talk(sender, "/i_am_parent", language="en")
    question, response = TYPED[lang]
    replies = stack.talk(sender, question, language="en")   # the page is still in English
    assert translated_start(response, lang) in re.sub("[\u2066-\u2069]", "", texts(replies))
    assert {c.get("lang") for c in customs(replies)} == {lang}
    # the conversation stays in that language
    assert {c.get("lang") for c in customs(stack.talk(sender, "/ask_interpreter", language="en"))} == {lang}


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_numbers_are_isolated_left_to_right_in_right_to_left_replies(stack, lang: str) -> None:
    text = texts(stack.talk(new_sender(), "/ask_advice_lines", language=lang))
    assert "\u2066" + "0808 801 0366" + "\u2069" in text   # the Family Rights Group line, in one piece
    assert not re.search(r"(?<!\u2066)\b0808 801 0366", text)


def test_numbers_are_left_alone_in_left_to_right_replies(stack) -> None:
    assert "\u2066" not in texts(stack.talk(new_sender(), "/ask_advice_lines", language="pl"))


#: "Can I go?" from a grandparent or aunt, in their language: the wider family's answer, not the parent's
#: (none of these is in training or a test set).
RELATIVES_ASKING = [
    ("pl", "Jestem babcią małego. Czy ja też mogę przyjść na tę konferencję?", "utter_grandparent"),
    ("pt", "Sou a avó da menina, não vive comigo. Deixam-me ir à reunião?", "utter_grandparent"),
    ("ro", "Sunt mătușa copiilor și stau la mine de trei luni. Pot să vin și eu la conferință?",
     "utter_kinship_carer"),
]


@pytest.mark.parametrize(("lang", "question", "response"), RELATIVES_ASKING)
def test_a_relative_asking_can_i_go_gets_the_wider_familys_answer(stack, lang: str, question: str,
                                                                  response: str) -> None:
    sender = new_sender()
    stack.talk(sender, "/i_am_parent", language="en")
    text = re.sub("[\u2066-\u2069]", "", texts(stack.talk(sender, question, language="en")))
    assert translated_start(response, lang) in text
    assert translated_start("utter_can_i_attend", lang) not in text
