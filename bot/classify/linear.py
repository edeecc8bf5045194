"""A linear text classifier over word and character n-grams, fast to train and to run.

Word 1-2-grams and character 2-5-grams (within words), TF-IDF weighted, with a logistic
(one-vs-rest) model trained by stochastic gradient descent. Character n-grams carry typos,
missing diacritics, text-speak, romanised Urdu and Bengali, and every script at once.

Prediction does the arithmetic itself (one sparse product with the weights, held contiguous
in float32) instead of going through scikit-learn's general code path: a message is scored in
well under a millisecond.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.special import expit
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.preprocessing import normalize

from bot.classify.text import normalise


@dataclass(frozen=True)
class Settings:
    alpha: float = 1e-5       # regularisation
    epochs: int = 20
    min_df: int = 2           # an n-gram must appear in two examples to count
    random_state: int = 7


def _tfidf(vectorizer: TfidfVectorizer, texts: Sequence[str]) -> sparse.csr_matrix:
    """`vectorizer.transform(texts)`, the same numbers, without scikit-learn's checks on every call.

    scikit-learn 1.1 rebuilds the whole IDF vector from a diagonal matrix each time it checks the
    vectorizer is fitted: about a third of the time of scoring one message. Here the IDF vector
    is read once per vectorizer (`_IDF`) and applied as scikit-learn does: sublinear term
    frequency, times IDF, then unit length.
    """
    counts = CountVectorizer.transform(vectorizer, texts)
    if vectorizer.sublinear_tf:
        np.log(counts.data, out=counts.data)
        counts.data += 1
    if vectorizer.use_idf:
        counts.data *= _idf(vectorizer)[counts.indices]
    return normalize(counts, norm=vectorizer.norm, copy=False) if vectorizer.norm else counts


def _idf(vectorizer: TfidfVectorizer) -> np.ndarray:
    idf = vectorizer.__dict__.get(_IDF)
    if idf is None:
        idf = vectorizer.__dict__[_IDF] = vectorizer.idf_.astype(vectorizer.dtype)
    return idf


_IDF = "_idf_vector"


class LinearTextModel:
    """Labels for texts; `probabilities` returns one row per text, one column per label."""

    def __init__(self, word: TfidfVectorizer, char: TfidfVectorizer, weights: np.ndarray, bias: np.ndarray,
                 labels: Sequence[str]) -> None:
        self.word = word
        self.char = char
        self.weights = np.ascontiguousarray(weights, dtype=np.float32)   # (features, labels)
        self.bias = bias.astype(np.float32)
        self.labels = list(labels)

    @classmethod
    def train(cls, texts: Sequence[str], labels: Sequence[str], settings: Settings = Settings()) -> LinearTextModel:
        word = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=settings.min_df, sublinear_tf=True,
                               token_pattern=r"(?u)\b\w+\b", dtype=np.float32)
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=settings.min_df, sublinear_tf=True,
                               dtype=np.float32)
        # Sorted first: stochastic gradient descent depends on the order it sees examples in, and which
        # file or line an example sits in (the data is split by topic and language) must not change the model.
        ordered = sorted(zip(texts, labels, strict=True))
        prepared = [normalise(text) for text, _ in ordered]
        features = sparse.hstack([word.fit_transform(prepared), char.fit_transform(prepared)]).tocsr()
        for vectorizer in (word, char):
            # every n-gram min_df dropped, kept only for introspection: tens of MB in each Rasa process
            delattr(vectorizer, "stop_words_")
        learner = SGDClassifier(loss="log_loss", alpha=settings.alpha, max_iter=settings.epochs, tol=None,
                                random_state=settings.random_state)
        learner.fit(features, [label for _, label in ordered])
        classes = [str(label) for label in learner.classes_]
        if len(classes) == 2:  # scikit-learn keeps one column for two labels
            return cls(word, char, np.stack([-learner.coef_[0], learner.coef_[0]], axis=1),
                       np.array([-learner.intercept_[0], learner.intercept_[0]]), classes)
        return cls(word, char, learner.coef_.T, learner.intercept_, classes)

    def features(self, texts: Sequence[str]) -> sparse.csr_matrix:
        prepared = [normalise(text) for text in texts]
        return sparse.hstack([_tfidf(self.word, prepared), _tfidf(self.char, prepared)]).tocsr()

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        scores = self.features(texts) @ self.weights + self.bias
        probabilities = expit(scores)
        return probabilities / probabilities.sum(axis=1, keepdims=True)
