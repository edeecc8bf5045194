"""How a crisis keeps a message from saying who is asking ("my dad hits me" is not "I am the dad")."""
from __future__ import annotations

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_plugins.nlu.topic_classifier import AUDIENCE_ANSWERS, demote


def _message(*ranking: tuple[str, float]) -> Message:
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    return Message(data={TEXT: "my dad hits me", INTENT: entries[0], INTENT_RANKING_KEY: entries})


def test_demote_puts_audience_answers_last() -> None:
    message = _message(("i_am_parent", 0.64), ("ask_speak_alone", 0.08), ("i_am_young_person", 0.05),
                       ("ask_exclusion", 0.02))
    demote(message, AUDIENCE_ANSWERS)
    assert message.get(INTENT)["name"] == "ask_speak_alone"
    assert [entry["name"] for entry in message.get(INTENT_RANKING_KEY)] == [
        "ask_speak_alone", "ask_exclusion", "i_am_parent", "i_am_young_person"]


def test_demote_leaves_other_intents_alone() -> None:
    message = _message(("ask_supporter", 0.7), ("i_am_parent", 0.2))
    demote(message, AUDIENCE_ANSWERS)
    assert message.get(INTENT)["name"] == "ask_supporter"
