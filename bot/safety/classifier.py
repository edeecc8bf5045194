"""The trained second signal beside the safety rules.

The phrase lists (bot/safety/detector.py) are precise on the wording they were written for;
people write danger in endless other ways ("theres never food and mum drinks", "hope i die
soon lol"). This classifier learns from the corpus in data/safety/corpus (crisis messages per
category, hard non-crisis messages, first-person distress) plus the assistant's own topic
questions, in every shipped language, and scores each message.

It reads the whole message and each of its sentences, so danger in the third sentence of a
long post is scored on its own, not drowned by the rest. A message is a crisis when, for the
whole text or any sentence, the probability mass of the crisis labels reaches the threshold;
the category reported is the likeliest crisis label there. Thresholds live in config.yml and
were chosen for recall on a blind set (docs/decisions.md).

Features are hashed word and character n-grams, so the model holds no vocabulary in memory
and typing without diacritics, text-speak and romanised Urdu or Bengali still share features.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import yaml
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import SGDClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

from bot.safety.normalise import normalise_arabic_script

#: Crisis labels, most urgent first (the order findings are reported in).
CRISIS_LABELS = (
    "danger_now", "self_harm", "grooming", "disclosure", "neglect", "domestic_abuse", "running_away", "other_child",
)
NONE = "none"
DISTRESS = "distress"
LABELS = (*CRISIS_LABELS, DISTRESS, NONE)

_SENTENCE_END = re.compile(r"(?<=[.!?؟।\n])\s+|\n+|\s+(?:but|and then|because)\s+", re.IGNORECASE)
_MIN_SENTENCE_WORDS = 3


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


def normalise(text: str) -> str:
    """One form for every script: lower case, Latin diacritics folded, Arabic letter variants merged."""
    return normalise_arabic_script(text, strip_proclitics=False)


def windows(text: str) -> list[str]:
    """The whole message, then each sentence of three words or more (when there is more than one)."""
    parts = [part.strip() for part in _SENTENCE_END.split(text) if part and part.strip()]
    sentences = [part for part in parts if len(part.split()) >= _MIN_SENTENCE_WORDS]
    return [text] + (sentences if len(sentences) > 1 else [])


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
    """Normalised texts and labels; each sentence of a non-crisis message is also a non-crisis example.

    A message is scored sentence by sentence too, so the model must learn that the background
    sentences of an ordinary long post ("he has been a good dad") are not danger. Sentences of a
    crisis message are not added: which one carries the danger is not known.
    """
    texts, labels = [], []
    for example in examples:
        parts = windows(example.text) if example.label in (NONE, DISTRESS) else [example.text]
        texts += [normalise(part) for part in parts]
        labels += [example.label] * len(parts)
    return texts, labels


def _features(hash_bits: int) -> FeatureUnion:
    size = 2 ** hash_bits
    return FeatureUnion([
        ("words", HashingVectorizer(analyzer="word", ngram_range=(1, 2), n_features=size, alternate_sign=False,
                                    token_pattern=r"(?u)\b\w+\b", norm=None)),
        ("chars", HashingVectorizer(analyzer="char_wb", ngram_range=(2, 5), n_features=size, alternate_sign=False,
                                    norm=None)),
    ])


class SafetyClassifier:
    """Scores messages for crisis categories and distress; see the module docstring."""

    def __init__(self, model: Pipeline) -> None:
        self.model = model
        classes = list(model.classes_)
        self._crisis_columns = [classes.index(label) for label in CRISIS_LABELS if label in classes]
        self._crisis_names = [label for label in CRISIS_LABELS if label in classes]
        self._distress_column = classes.index(DISTRESS) if DISTRESS in classes else None

    @classmethod
    def train(cls, examples: Sequence[Example], hash_bits: int = 18, alpha: float = 2e-5,
              epochs: int = 30, random_state: int = 7) -> "SafetyClassifier":
        model = Pipeline([
            ("features", _features(hash_bits)),
            ("tfidf", TfidfTransformer(sublinear_tf=True)),
            ("classifier", SGDClassifier(loss="log_loss", alpha=alpha, max_iter=epochs, tol=None,
                                         random_state=random_state)),
        ])
        texts, labels = training_pairs(examples)
        model.fit(texts, labels)
        return cls(model)

    def score_many(self, texts: Iterable[str]) -> list[Scores]:
        texts = list(texts)
        spans: list[tuple[int, int]] = []
        pieces: list[str] = []
        for text in texts:
            parts = [normalise(part) for part in windows(text)]
            spans.append((len(pieces), len(pieces) + len(parts)))
            pieces.extend(parts)
        if not pieces:
            return []
        probabilities = self.model.predict_proba(pieces)
        results = []
        for start, end in spans:
            crisis = probabilities[start:end][:, self._crisis_columns]
            mass = crisis.sum(axis=1)
            best = int(np.argmax(mass))
            distress = probabilities[start:end][:, self._distress_column].max() if self._distress_column is not None \
                else 0.0
            results.append(Scores(float(mass[best]), self._crisis_names[int(np.argmax(crisis[best]))],
                                  float(distress)))
        return results

    def score(self, text: str) -> Scores:
        return self.score_many([text])[0]
