"""Where the test sets live (tests/data/README.md says what each one is and how it was made).

    questions/real/gathering<N>/   real questions quoted from public pages, each with its address
    questions/blind/               questions written blind by helpers who never saw the training data
    questions/same_voice/          the first held-out sets, written in the training data's voice
    safety/cases*.yml              the labelled safety sets written with, and after, the rules
    safety/blind/, safety/real/    safety sets written blind, and quoted from public pages
    trackers/                      recorded conversations replayed by the "My views" tests
"""
from __future__ import annotations

from pathlib import Path

from bot.settings import PROJECT_ROOT

TEST_DATA = PROJECT_ROOT / "tests" / "data"
REAL_QUESTIONS_DIR = TEST_DATA / "questions" / "real"
BLIND_QUESTIONS_DIR = TEST_DATA / "questions" / "blind"
SAME_VOICE_DIR = TEST_DATA / "questions" / "same_voice"
SAFETY_DIR = TEST_DATA / "safety"
SAFETY_CASES = SAFETY_DIR / "cases.yml"
SAFETY_CASES_UNSEEN = SAFETY_DIR / "cases_unseen.yml"
SAFETY_BLIND_DIR = SAFETY_DIR / "blind"
SAFETY_REAL_DIR = SAFETY_DIR / "real"
TRACKERS_DIR = TEST_DATA / "trackers"


def gathering(number: int, name: str = "questions.yml") -> Path:
    """A file of the real-question gathering `number` (the first keeps labelled.yml and heldout.yml)."""
    return REAL_QUESTIONS_DIR / f"gathering{number}" / name
