"""How the topic classifier's ranking treats "who is asking": a crisis never says it ("my dad hits
me" is not "I am the dad"), and saying it never hides the question asked beside it."""
from __future__ import annotations

import numpy as np
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_plugins.nlu.topic_classifier import AUDIENCE_ANSWERS, choose, demote


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


def test_saying_who_is_asking_does_not_hide_the_question_beside_it() -> None:
    labels = ["ask_can_i_attend", "i_am_parent"]
    pieces = ["Am voie să particip? Sunt mama copilului.", "Am voie să particip?", "Sunt mama copilului."]
    probabilities = np.array([[0.10, 0.80], [0.55, 0.30], [0.02, 0.95]])
    assert choose(probabilities, labels, pieces) == 1


def test_a_plain_statement_of_who_is_asking_still_counts() -> None:
    labels = ["ask_can_i_attend", "i_am_parent"]
    pieces = ["Hello there. I am the mum of the boy.", "I am the mum of the boy."]   # no question in it
    probabilities = np.array([[0.55, 0.45], [0.05, 0.90]])
    assert choose(probabilities, labels, pieces) == 1   # the surest piece, as before


def test_a_worry_beside_a_question_the_model_is_sure_of_gives_way_to_it() -> None:
    labels = ["ask_plan_taken_away", "ask_feeling_worried", "ask_source"]
    scared = ["Will they take my child? I'm so scared.", "Will they take my child?", "I'm so scared."]
    assert choose(np.array([[0.1, 0.8, 0.1], [0.7, 0.2, 0.1], [0.02, 0.95, 0.03]]), labels, scared) == 1
    normal = ["I can't sleep for worry. Is this normal?", "Is this normal?"]   # the feeling is the question
    assert choose(np.array([[0.1, 0.85, 0.05], [0.2, 0.3, 0.5]]), labels, normal) == 0
    told = ["I can't sleep. Is this normal? They've put my son on a plan.", "Is this normal?",
            "They've put my son on a plan."]                                        # a statement, not the question
    assert choose(np.array([[0.1, 0.85, 0.05], [0.2, 0.3, 0.5], [0.7, 0.2, 0.1]]), labels, told) == 0


def _classified(confidence: float, language: object) -> Message:
    entities = [{"entity": "language", "value": language}] if language else []
    return Message(data={TEXT: "x", INTENT: {"name": "ask_reports", "confidence": confidence},
                         INTENT_RANKING_KEY: [{"name": "ask_reports", "confidence": confidence}], "entities": entities})


def test_fallback_threshold_is_set_per_language_and_general_otherwise() -> None:
    from bot.rasa_plugins.nlu.fallback import LanguageFallbackClassifier

    fallback = LanguageFallbackClassifier({**LanguageFallbackClassifier.get_default_config(), "threshold": 0.3,
                                           "threshold_by_language": {"ar": 0.25}})
    arabic, english, unknown, arabic_unsure = (_classified(0.27, "ar"), _classified(0.27, "en"),
                                               _classified(0.27, None), _classified(0.2, "ar"))
    written_oddly, not_a_code = _classified(0.27, "AR-ma"), _classified(0.27, ["ar"])
    fallback.process([arabic, english, unknown, arabic_unsure, written_oddly, not_a_code])
    assert [message.get(INTENT)["name"] for message in (arabic, written_oddly)] == ["ask_reports"] * 2
    assert [message.get(INTENT)["name"] for message in (english, unknown, arabic_unsure, not_a_code)] == [
        "nlu_fallback"] * 4
    assert arabic_unsure.get(INTENT)["confidence"] == 0.25 and english.get(INTENT)["confidence"] == 0.3
