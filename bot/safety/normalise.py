"""English spelling repair before safety phrase matching, for messages and phrase lists alike.

Both the user's message and every English phrase go through the same
normaliser, so text-speak ("gona", "hes", "evry nite"), masked swear words and
one-letter typos reach the same tokens as standard spelling.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from bot.languages.text import INVISIBLE, fold_latin, without_quotes

# ---------------------------------------------------------------- English

#: A bracket opened straight after a word: "my husband(step parent)" reads as "my husband (step parent)".
_GLUED_BRACKET = re.compile(r"(?<=\w)(?=[(\[]\w)")
_REPEATS = re.compile(r"([a-z])\1{2,}")
_MASKED = re.compile(r"(?<![\w*])([a-z]?)([a-z]*)(\*[\*a-z]*)(?![\w*])")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


class EnglishNormaliser:
    """Spelling, text-speak, masked swear words and typo repair for English.

    spellings: {"going to": ["gonna", "gona"], ...} read from cues.yml; the
    variants are replaced by the canonical form as whole words.
    masked: {"f": "fuck", ...}: a word hidden with stars ("f***") becomes the
    word its first letter stands for; stars alone become "expletive".
    keywords / known: typo repair. A word of 5+ letters that is not a known
    English word and is one edit (insert, delete, swap, transpose) away from a
    word the phrase lists use is read as that word ("myslef" -> "myself").
    """

    def __init__(self, spellings: Mapping[str, Iterable[str]], masked: Mapping[str, str],
                 keywords: Iterable[str] = (), known: Iterable[str] = ()):
        variants: dict[str, str] = {}
        for canonical, forms in spellings.items():
            for form in forms:
                variants[fold_latin(str(form)).strip()] = fold_latin(str(canonical)).strip()
        self._variants = variants
        ordered = sorted(variants, key=len, reverse=True)
        self._spelling_re = (
            re.compile(r"(?<![\w'])(" + "|".join(re.escape(v) for v in ordered) + r")(?![\w'])")
            if ordered else None
        )
        self._masked = {k.lower(): v for k, v in masked.items()}
        self._known = set(known) | set(variants) | set(variants.values())
        self._known_check = lambda word: False
        self._keywords: set[str] = set()
        self._deletes: dict[str, set[str]] = {}
        self.set_keywords(keywords)

    # typo repair ------------------------------------------------------------
    def set_keywords(self, keywords: Iterable[str]) -> None:
        self._keywords = {k for k in keywords if isinstance(k, str) and len(k) >= 4 and k.isalpha()}
        self._deletes = {}
        for word in self._keywords:
            for variant in _deletes1(word) | {word}:
                self._deletes.setdefault(variant, set()).add(word)

    def add_known(self, words: Iterable[str]) -> None:
        self._known.update(words)

    def set_known_check(self, check) -> None:
        """An extra test for known words (e.g. the lemmatizer's lookup table)."""
        self._known_check = check

    def repair(self, word: str) -> str:
        if len(word) < 5 or word in self._known or word in self._keywords or not word.isalpha():
            return word
        if self._known_check(word):
            return word
        candidates: set[str] = set()
        for variant in _deletes1(word) | {word}:
            candidates |= self._deletes.get(variant, set())
        best = sorted(c for c in candidates if _damerau1(word, c))
        return best[0] if len(best) == 1 else word

    # whole pipeline ---------------------------------------------------------
    def __call__(self, text: str) -> str:
        text = fold_latin(without_quotes(INVISIBLE.sub("", text)))
        text = _MASKED.sub(self._unmask, text)
        text = _REPEATS.sub(r"\1", text)
        text = _WORD.sub(lambda m: self.repair(m.group(0)), text)
        if self._spelling_re is not None:
            text = self._spelling_re.sub(lambda m: self._variants[m.group(1)], text)
        text = _GLUED_BRACKET.sub(" ", text.replace("'", ""))
        return re.sub(r"\s+", " ", text).strip()

    def _unmask(self, match: re.Match) -> str:
        first = match.group(1)
        whole = match.group(0)
        if not first:
            return " expletive "
        tail = whole[len(first):].replace("*", "")
        word = self._masked.get(first)
        if word is None:
            return whole.replace("*", "")
        return f" {word}{'ing' if tail.endswith('ing') or tail.endswith('in') else ''} "


def _deletes1(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _damerau1(a: str, b: str) -> bool:
    """True when a and b differ by exactly one edit (incl. a transposition)."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]
