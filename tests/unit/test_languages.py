"""Every language in the registry (bot/languages) ships whole: translations, safety phrases,
training questions (and the safety classifier's pinned sample of them) and the blind test sets its figures
come from."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pytest
import yaml

from bot.languages import CODES, LANGUAGES, SCRIPT_RANGES, SOURCE_LANGUAGE
from bot.rasa_plugins.nlu.language import example_language
from bot.rasa_plugins.nlu.safety import data_path, read_pinned_questions
from bot.safety.phrases import CRISIS_CATEGORIES, load_phrase_lists
from bot.settings import DATA_DIR, LOCALES_DIR
from tests.support.nlu_data import training_messages
from tests.support.test_data import BLIND_QUESTIONS_DIR, SAFETY_BLIND_DIR

#: Fewer training questions than this and the language is not really understood.
MIN_TRAINING_QUESTIONS = 300
#: English's blind understanding set is the long forum posts; every other language has its own.
NLU_BLIND_SETS = {SOURCE_LANGUAGE: "blind_long_posts.yml"}
OTHERS = [code for code in CODES if code != SOURCE_LANGUAGE]


@lru_cache(maxsize=1)
def training_questions_per_language() -> Counter:
    return Counter(example_language(example) for example in training_messages())


def test_each_entry_is_complete_and_consistent() -> None:
    for code, info in LANGUAGES.items():
        assert info.code == code
        assert info.direction in {"ltr", "rtl"}
        assert info.native_name and info.english_name and info.typed_names
        assert set(info.scripts) <= set(SCRIPT_RANGES) | {"latin"}, code
        assert info.babel_locale.split("_")[0] == code, code


@pytest.mark.parametrize("code", OTHERS)
def test_has_a_catalog(code: str) -> None:
    assert (LOCALES_DIR / code / "LC_MESSAGES" / "messages.po").is_file()
    assert (LOCALES_DIR / code / "glossary.yml").is_file()


@pytest.mark.parametrize("code", CODES)
def test_has_safety_phrases_in_every_category_and_a_classifier_corpus(code: str) -> None:
    lists = load_phrase_lists(DATA_DIR / "safety")
    covered = {group.category for group in lists.groups if group.entries.get(code)}
    crisis_categories = set(CRISIS_CATEGORIES)
    assert crisis_categories <= covered, f"{code} has no phrases for {sorted(crisis_categories - covered)}"
    corpus = DATA_DIR / "safety" / "corpus" / code
    assert corpus.is_dir() and any(corpus.glob("*.yml")), f"no classifier corpus for {code}"


@pytest.mark.parametrize("code", CODES)
def test_has_training_questions(code: str) -> None:
    assert training_questions_per_language()[code] >= MIN_TRAINING_QUESTIONS


@pytest.mark.parametrize("code", CODES)
def test_the_safety_classifier_learns_its_questions_as_ordinary(code: str) -> None:
    """The sample is pinned (bot/rasa_plugins/nlu/safety.py): a new language needs `python -m bot safety-questions`."""
    pinned = Counter(language for _, language in read_pinned_questions(data_path({}, "ordinary_questions")))
    assert pinned[code] >= MIN_TRAINING_QUESTIONS, f"no pinned questions for {code}"


@pytest.mark.parametrize("code", CODES)
def test_has_blind_sets_for_safety_and_understanding(code: str) -> None:
    for path in (SAFETY_BLIND_DIR / f"tuning_{code}.yml", SAFETY_BLIND_DIR / f"final_{code}.yml",
                 BLIND_QUESTIONS_DIR / NLU_BLIND_SETS.get(code, f"blind_questions_{code}.yml")):
        assert path.is_file(), f"missing {path}"
        assert yaml.safe_load(path.read_text(encoding="utf-8")), f"{path} is empty"
