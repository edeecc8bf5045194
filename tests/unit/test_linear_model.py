"""The linear text model's own TF-IDF step gives exactly scikit-learn's numbers, and its scores sum to one."""
from __future__ import annotations

import numpy as np
import pytest

from bot.classify.linear import LinearTextModel, _tfidf
from bot.classify.text import normalise

TEXTS = ["can i bring a friend to the conference", "can i bring my sister", "when do i get the reports",
         "the reports came late", "what is a core group", "who is in the core group", "czy mogę przyjść z kimś",
         "czy dostanę raporty", "ينفع اجيب حد معايا", "امتى التقارير", "ami ki kauke ante pari", "report kobe pabo"]
LABELS = ["supporter", "supporter", "reports", "reports", "core_group", "core_group", "supporter", "reports",
          "supporter", "reports", "supporter", "reports"]
PROBES = ["can i bring a friend", "reports late?", "", "zzzz qqqq", "core group " * 300, "czy moge przyjsc z mama"]


@pytest.fixture(scope="module")
def model() -> LinearTextModel:
    return LinearTextModel.train(TEXTS, LABELS)


def test_tfidf_step_matches_scikit_learn(model: LinearTextModel) -> None:
    prepared = [normalise(text) for text in PROBES]
    for vectorizer in (model.word, model.char):
        ours, theirs = _tfidf(vectorizer, prepared), vectorizer.transform(prepared)
        assert ours.dtype == theirs.dtype
        assert ours.shape == theirs.shape
        assert abs(ours - theirs).max() == 0.0


def test_probabilities_are_one_row_per_text_summing_to_one(model: LinearTextModel) -> None:
    scores = model.probabilities(PROBES)
    assert scores.shape == (len(PROBES), len(model.labels))
    assert np.allclose(scores.sum(axis=1), 1.0)
    assert model.labels[int(scores[0].argmax())] == "supporter"


def test_the_order_examples_come_in_does_not_change_the_model(model: LinearTextModel) -> None:
    """Moving an example to another file (the data is split by topic and language) leaves the model as it was."""
    reordered = LinearTextModel.train(TEXTS[::-1], LABELS[::-1])
    assert reordered.labels == model.labels
    assert np.array_equal(reordered.probabilities(PROBES), model.probabilities(PROBES))
