"""Notice a message about children's social care, for which an unsure reply should still offer topics.

"Sorry, I can only help with questions about Child Protection Conferences" is right for a leaking tap
and wrong for "my 4 gran kids have been put in foster care under a section 20", even when the topic
classifier rates every topic low. The words are data: data/knowledge/social_care_words.yml.
"""
from __future__ import annotations

import re
from functools import lru_cache

import yaml

from bot.classify.text import normalise, whole_word_pattern
from bot.settings import DATA_DIR

WORDS_FILE = DATA_DIR / "knowledge" / "social_care_words.yml"


@lru_cache(maxsize=1)
def _words() -> re.Pattern[str]:
    by_language = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    return whole_word_pattern(word for words in by_language.values() for word in words)


def about_social_care(text: str) -> bool:
    """Whether the message speaks of social services, child protection or care, in any language."""
    return bool(_words().search(normalise(text)))
