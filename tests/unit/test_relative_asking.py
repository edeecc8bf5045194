""""Can I go?" from a grandparent, aunt or uncle gets the wider family's answer, never the parent's."""
from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_plugins.nlu.relative import RelativeAsking, RelativeCues, answered_as

CUES = RelativeCues()


@pytest.mark.parametrize("text", [
    "I'm their nan, am I allowed to come to the conference?",
    "as the boys grandad can i go to the meeting",
    "my grandson lives with me now, will I be invited?",
    "Jestem babcią. Czy mogę przyjść na konferencję?",
    "wnuczka mieszka u mnie od lata, czy mnie zaproszą?",
    "Sou a avó da menina, posso ir à reunião?",
    "Sunt bunicul copilului, pot veni la ședință?",
    "میں بچی کی دادی ہوں، کیا میں میٹنگ میں آ سکتی ہوں؟",
    "main uski nani hoon, kya main aa sakti hoon?",
    "أنا جدة البنت، ممكن أحضر الاجتماع؟",
    "আমি ওর দাদি, আমি কি মিটিংয়ে যেতে পারি?",
    "ami or nani, ami ki meeting e jete pari?",
    "As the children's grandmother, am I entitled to attend the conference?",
    "وأنا جدتهم، هل يسمحوا لي أحضر؟",
    "wnuki mieszkają u mnie od roku, czy mogę przyjść?",
    "Nepoții stau la mine de două luni, pot veni?",
])
def test_a_relative_saying_who_they_are_is_recognised(text: str) -> None:
    assert CUES.written_by_relative(text)


@pytest.mark.parametrize("text", [
    "can my nan come to the meeting with me",          # a young person asking about someone else
    "I'm the mum, can I go to the conference?",
    "can I bring my aunt for support?",
    "Czy mogę przyjść na konferencję? Jestem mamą.",
    "Sou a mãe, posso ir à reunião?",
    "আমি নানা রকম কাগজ পেয়েছি, আমি কি মিটিংয়ে যেতে পারি?",  # "নানা" here means "all kinds of", not grandfather
    "انا جدا خايفة، ممكن أحضر الاجتماع؟",               # "very" scared, not a grandparent
    "أنا ست بيت، ممكن أحضر الاجتماع؟",                   # "I am a housewife"
    "Sunt mama, poți să-mi spui dacă pot veni?",         # Romanian "you can", not Urdu "granddaughter"
    "can I go to the conference as well as their nan?",
    "Were the grandparents invited to the meeting?",
    "A minha mãe quer ver a neta. Posso ir à reunião?",  # a parent speaks of her mother's grandchild
    "O Neto, o assistente social, disse que posso ir?",  # Neto, a surname
])
def test_parents_and_look_alikes_are_not_taken_for_relatives(text: str) -> None:
    assert not CUES.written_by_relative(text)


def _classified(text: str, *ranking: tuple[str, float]) -> Message:
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    return Message(data={TEXT: text, INTENT: entries[0], INTENT_RANKING_KEY: entries})


def test_a_relative_asking_can_i_go_gets_the_relatives_answer_the_model_ranks_higher() -> None:
    carer = _classified("Sunt bunica. Nepoata locuiește la mine. Sunt și eu invitată?",
                        ("ask_can_i_attend", 0.69), ("ask_kinship_carer", 0.10), ("ask_grandparent", 0.01))
    visitor = _classified("Jestem babcią, wnuczka mieszka z mamą. Czy mogę przyjść?",
                          ("ask_can_i_attend", 0.73), ("ask_grandparent", 0.02))
    RelativeAsking.build().process([carer, visitor])
    assert carer.get(INTENT) == {"name": "ask_kinship_carer", "confidence": 0.69}
    assert carer.get(INTENT_RANKING_KEY) == [{"name": "ask_kinship_carer", "confidence": 0.69},
                                             {"name": "ask_can_i_attend", "confidence": 0.10},
                                             {"name": "ask_grandparent", "confidence": 0.01}]
    assert visitor.get(INTENT)["name"] == "ask_grandparent"


def test_a_parent_or_a_button_or_another_question_is_left_alone() -> None:
    parent = _classified("I'm the mum, can I go?", ("ask_can_i_attend", 0.8), ("ask_grandparent", 0.1))
    button = _classified("/ask_can_i_attend", ("ask_can_i_attend", 1.0))
    other = _classified("I'm the nan, can I bring a friend?", ("ask_supporter", 0.6), ("ask_grandparent", 0.2))
    RelativeAsking.build().process([parent, button, other])
    assert [m.get(INTENT)["name"] for m in (parent, button, other)] == [
        "ask_can_i_attend", "ask_can_i_attend", "ask_supporter"]


def test_answered_as_adds_an_answer_the_ranking_lacked_and_keeps_the_confidences() -> None:
    ranking = answered_as([{"name": "ask_can_i_attend", "confidence": 0.7},
                           {"name": "ask_who_attends", "confidence": 0.1},
                           {"name": "i_am_parent", "confidence": 0.15}],     # put last as unsure: stays last
                          "ask_grandparent")
    assert ranking == [{"name": "ask_grandparent", "confidence": 0.7}, {"name": "ask_can_i_attend", "confidence": 0.0},
                       {"name": "ask_who_attends", "confidence": 0.1}, {"name": "i_am_parent", "confidence": 0.15}]
