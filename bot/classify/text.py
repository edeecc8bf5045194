"""One form of text for every script, and the pieces of a long message that are classified on their own."""
from __future__ import annotations

import re
from collections.abc import Iterable

from bot.languages.text import normalise_arabic_script

_SENTENCE_END = re.compile(r"(?<=[.!?؟।۔\n])\s+|\n+|\s+(?:but|and then|because)\s+", re.IGNORECASE)
_QUESTION_START = re.compile(
    r"^(?:can|could|will|would|do|does|did|is|are|am|was|what|whats|when|where|who|whom|why|how|should|shall|"
    r"may|might|have|has|which|czy|jak|kiedy|gdzie|kto|dlaczego|pot|cand|când|unde|cine|de ce|cum|posso|pode|"
    r"quando|onde|quem|porque|por que|como|o que|kya|kab|kahan|kaise|kyun|ki|kobe|kothay|keno|kivabe)\b",
    re.IGNORECASE)
MIN_SENTENCE_WORDS = 3


def normalise(text: str) -> str:
    """Lower case, Latin diacritics folded (ą->a), Arabic letter variants merged, invisible marks removed."""
    return normalise_arabic_script(text, strip_proclitics=False)


def whole_word_pattern(patterns: Iterable[str]) -> re.Pattern[str]:
    """One regular expression matching any of `patterns` (normalised) as whole words in normalised text."""
    return re.compile(r"(?<!\w)(?:" + "|".join(normalise(pattern) for pattern in patterns) + r")(?!\w)")


def cue_pattern(patterns_by_language: dict[str, list[str]]) -> re.Pattern[str]:
    """One whole-word pattern for a cue file's section: every language's patterns at once."""
    return whole_word_pattern(pattern for patterns in patterns_by_language.values() for pattern in patterns)


def sentences(text: str) -> list[str]:
    """The sentences (and clauses after "but"/"because") of three words or more."""
    parts = [part.strip() for part in _SENTENCE_END.split(text) if part and part.strip()]
    return [part for part in parts if len(part.split()) >= MIN_SENTENCE_WORDS]


def windows(text: str) -> list[str]:
    """The whole message, then each of its sentences when there is more than one."""
    parts = sentences(text)
    return [text] + (parts if len(parts) > 1 else [])


def is_question(sentence: str) -> bool:
    """A sentence that asks: it ends with a question mark or starts like a question."""
    stripped = sentence.strip()
    return stripped.endswith(("?", "؟")) or bool(_QUESTION_START.match(normalise(stripped)))
