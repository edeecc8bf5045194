"""Which topic a message asks about: our intent classifier (chosen over Rasa's own, docs/decisions.md).

A linear model over word and character n-grams (bot/classify/linear.py), trained on every
intent example in every language at once. A long message is read the way a person reads a
forum post: the background is there, but the question is what matters. So for a message of
several sentences, the sentences that ask something (and the last sentence) are scored too,
and the piece the model is surest about gives the intent. The confidence it reports is what
FallbackClassifier and the "did you mean" reply act on.
"""
from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.classify.linear import LinearTextModel, Settings
from bot.classify.text import is_question, sentences
from bot.nlg.suggestions import SURE_QUESTION
from bot.rasa_plugins.nlu.stored_model import StoredModelComponent

#: Answers to "who is asking": they change how every later reply is worded.
AUDIENCE_ANSWERS = frozenset({"i_am_parent", "i_am_young_person", "i_am_interpreter"})
#: What a sentence beside a question may say without being the question: how the writer feels,
#: hello, thanks. It gives way to the question when the model is sure of that question.
SIDE_REMARKS = frozenset({"ask_feeling_worried", "greet", "thank", "goodbye"})


Ranking = list[dict[str, Any]]


def moved_last(ranking: Ranking, moved: Callable[[dict[str, Any]], bool]) -> Ranking:
    """The ranking with the entries `moved` picks put last, each part in its order."""
    return [entry for entry in ranking if not moved(entry)] + [entry for entry in ranking if moved(entry)]


def demote(message: Message, names: Collection[str]) -> None:
    """When the message's intent is one of `names`, put those last in its ranking (the next one wins)."""
    ranking = message.get(INTENT_RANKING_KEY) or []
    if ranking and ranking[0]["name"] in names:
        ranking = moved_last(ranking, lambda entry: entry["name"] in names)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        message.set(INTENT, ranking[0], add_to_output=True)


def pieces_to_read(text: str) -> list[str]:
    """The whole message; for a message of several sentences, also its questions and its last sentence."""
    parts = sentences(text)
    if len(parts) < 2:
        return [text]
    asking = [part for part in parts if is_question(part)]
    return [text, *asking, *([parts[-1]] if parts[-1] not in asking else [])]


def choose(probabilities: np.ndarray, labels: list[str], pieces: list[str]) -> int:
    """The piece the model is surest about (the whole message wins ties).

    A piece that only says who is asking ("Sunt mama copilului", "I'm 16") never beats the
    question asked beside it: "can I read the reports? I'm 16" asks about reports. A feeling or
    a greeting beats it only when the model is unsure of the question: "Will they take my child?
    I'm so scared" asks whether a plan means removal, but in "I can't sleep. Is this normal?"
    the feeling is the question."""
    sureness = probabilities.max(axis=1)
    if any(is_question(piece) for piece in pieces[1:]):
        tops = [labels[top] for top in probabilities.argmax(axis=1)]
        asking = [i for i, top in enumerate(tops) if top not in AUDIENCE_ANSWERS]
        if asking:
            surest = max(asking, key=lambda i: (sureness[i], -i))
            # the whole message or a question: a statement beside a feeling is not what is asked
            topical = [i for i in asking if tops[i] not in SIDE_REMARKS and (i == 0 or is_question(pieces[i]))]
            if tops[surest] in SIDE_REMARKS and topical:
                question = max(topical, key=lambda i: (sureness[i], -i))
                return question if sureness[question] >= SURE_QUESTION else surest
            return surest
    return int(np.argmax(sureness))


def topic_scores(model: LinearTextModel, text: str) -> np.ndarray:
    """Every intent's probability for `text`, read the way the module docstring says."""
    pieces = pieces_to_read(text)
    probabilities = model.probabilities(pieces)
    return probabilities[choose(probabilities, model.labels, pieces)]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TopicClassifier(StoredModelComponent, IntentClassifier):
    """Intent and ranking for every typed message; see the module docstring."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        defaults = Settings()
        return {"alpha": defaults.alpha, "epochs": defaults.epochs, "min_df": defaults.min_df, "ranking_length": 10,
                # intent -> how sure the model must be to act on it (config.yml; below, the next topic)
                "sure_intents": {}}

    model_file = "topic_classifier.joblib"
    without_model = "every message will be unclear."

    def train(self, training_data: TrainingData) -> Resource:
        examples = [example for example in training_data.intent_examples if example.get(TEXT)]
        settings = Settings(alpha=self._config["alpha"], epochs=self._config["epochs"], min_df=self._config["min_df"])
        return self.save_model(LinearTextModel.train([example.get(TEXT) for example in examples],
                                                     [example.get(INTENT) for example in examples], settings))

    def process(self, messages: list[Message]) -> list[Message]:
        if self._model is None:
            return messages
        for message in messages:
            text = message.get(TEXT) or ""
            if not text.strip():
                continue
            row = topic_scores(self._model, text)
            order = np.argsort(-row)[: self._config["ranking_length"]]
            ranking = self._unsure_last([{"name": self._model.labels[i], "confidence": float(row[i])} for i in order])
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def _unsure_last(self, ranking: Ranking) -> Ranking:
        """A state-changing intent the model is not sure of gives way to the next candidate."""
        required = self._config["sure_intents"]
        return moved_last(ranking, lambda entry: entry["confidence"] < required.get(entry["name"], 0.0))
