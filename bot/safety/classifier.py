"""The trained second signal beside the safety rules.

The phrase lists (bot/safety/detector.py) are precise on the wording they were written for;
people write danger in endless other ways ("theres never food and mum drinks", "hope i die
soon lol"). This classifier learns from the corpus in data/safety/corpus (crisis messages per
category, hard non-crisis messages, first-person distress) plus the assistant's own topic
questions, in every shipped language, and scores each message.

It reads the whole message and each of its sentences, so danger in the third sentence of a
long post is scored on its own, not drowned by the rest. The crisis score of a message is the
highest crisis probability mass over those pieces; the category reported is the likeliest crisis
label in that piece. bot/safety/layer.py turns scores into findings with the thresholds in
config.yml, chosen for recall on a blind set (docs/decisions.md).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from bot.classify.linear import LinearTextModel, Settings
from bot.classify.text import windows

#: Crisis labels, most urgent first (the order findings are reported in).
CRISIS_LABELS = (
    "danger_now", "self_harm", "grooming", "disclosure", "neglect", "domestic_abuse", "running_away", "other_child",
)
NONE = "none"
DISTRESS = "distress"
LABELS = (*CRISIS_LABELS, DISTRESS, NONE)


class CorpusError(ValueError):
    """A corpus file is malformed; the message names the file."""


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    language: str


@dataclass(frozen=True)
class Scores:
    """What the classifier thinks of one message."""

    crisis: float          # highest crisis probability mass over the message and its sentences
    category: str          # likeliest crisis label where that mass was highest
    distress: float        # highest probability of first-person distress


def read_corpus_file(path: Path) -> list[Example]:
    content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    label, language, examples = content.get("label"), content.get("language"), content.get("examples")
    if label not in LABELS:
        raise CorpusError(f"{path}: 'label' must be one of {', '.join(LABELS)}")
    if not isinstance(language, str) or not isinstance(examples, list):
        raise CorpusError(f"{path}: needs 'language' and a list of 'examples'")
    return [Example(str(text), label, language) for text in examples if str(text).strip()]


def read_corpus(directory: Path) -> list[Example]:
    """Every example under `directory` (one folder per language, one file per label)."""
    return [example for path in sorted(Path(directory).glob("*/*.yml")) for example in read_corpus_file(path)]


def training_pairs(examples: Sequence[Example]) -> tuple[list[str], list[str]]:
    """Texts and labels; each sentence of a non-crisis message is also a non-crisis example.

    A message is scored sentence by sentence too, so the model must learn that the background
    sentences of an ordinary long post ("he has been a good dad") are not danger. Sentences of a
    crisis message are not added: which one carries the danger is not known.
    """
    texts, labels = [], []
    for example in examples:
        parts = windows(example.text) if example.label in (NONE, DISTRESS) else [example.text]
        texts += parts
        labels += [example.label] * len(parts)
    return texts, labels


class SafetyClassifier:
    """Scores messages for crisis categories and distress; see the module docstring."""

    def __init__(self, model: LinearTextModel) -> None:
        self.model = model
        self._crisis_columns = [model.labels.index(label) for label in CRISIS_LABELS if label in model.labels]
        self._crisis_names = [label for label in CRISIS_LABELS if label in model.labels]
        self._distress_column = model.labels.index(DISTRESS) if DISTRESS in model.labels else None

    @classmethod
    def train(cls, examples: Sequence[Example], settings: Settings = Settings()) -> SafetyClassifier:
        texts, labels = training_pairs(examples)
        return cls(LinearTextModel.train(texts, labels, settings))

    def score_many(self, texts: Iterable[str]) -> list[Scores]:
        spans: list[tuple[int, int]] = []
        pieces: list[str] = []
        for text in texts:
            parts = windows(text)
            spans.append((len(pieces), len(pieces) + len(parts)))
            pieces.extend(parts)
        probabilities = self.model.probabilities(pieces)
        results = []
        for start, end in spans:
            crisis = probabilities[start:end][:, self._crisis_columns]
            mass = crisis.sum(axis=1)
            best = int(np.argmax(mass))
            distress = (float(probabilities[start:end][:, self._distress_column].max())
                        if self._distress_column is not None else 0.0)
            results.append(Scores(float(mass[best]), self._crisis_names[int(np.argmax(crisis[best]))], distress))
        return results

    def score(self, text: str) -> Scores:
        return self.score_many([text])[0]
