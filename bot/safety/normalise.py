"""Text normalisation used before matching, for messages and phrase lists alike.

Both the user's message and every phrase in data/safety go through the same
function, so a phrase written with diacritics also matches text typed without
them, and text-speak ("gona", "hes", "evry nite") reaches the same tokens as
standard spelling.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Mapping

# ---------------------------------------------------------------- scripts

_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_BENGALI_RANGE = (0x0980, 0x09FF)


def scripts_in(text: str) -> set[str]:
    """The writing systems present in `text`: latin, arabic, bengali."""
    found: set[str] = set()
    for ch in text:
        code = ord(ch)
        if ch.isascii():
            if ch.isalpha():
                found.add("latin")
        elif any(lo <= code <= hi for lo, hi in _ARABIC_RANGES):
            found.add("arabic")
        elif _BENGALI_RANGE[0] <= code <= _BENGALI_RANGE[1]:
            found.add("bengali")
        elif ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
            found.add("latin")
    return found


# ---------------------------------------------------------------- Latin folding

_LATIN_EXTRA = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "ß": "ss", "đ": "d", "æ": "ae", "œ": "oe"})
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "“": '"', "”": '"'})
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u200e\u200f\u2066-\u2069\u202a-\u202e\ufeff]")


def fold_latin(text: str) -> str:
    """Lower case and strip diacritics from Latin letters (ą->a, ș->s, ã->a, ł->l)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower().translate(_LATIN_EXTRA)
    out = []
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch) and out and out[-1].isascii():
            continue  # a mark on a Latin letter: drop it
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


# ---------------------------------------------------------------- Arabic and Urdu

_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat, tatweel
_ARABIC_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ي": "ی", "ى": "ی", "ئ": "ی", "ې": "ی",
    "ك": "ک", "ة": "ه", "ۃ": "ه", "ہ": "ه", "ھ": "ه", "ۀ": "ه",
    "ؤ": "و",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
})
# Arabic joins "and" (و) and "so" (ف) to the next word; strip one of them from
# longer words so "وأبي يضربني" and "أبي يضربني" meet. Applied to phrases too.
_ARABIC_PROCLITIC = re.compile(r"(?<![\w])[وف](?=\w{2,})")


def normalise_arabic_script(text: str, strip_proclitics: bool) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    if strip_proclitics:
        text = _ARABIC_PROCLITIC.sub("", text)
    return fold_latin(text)  # Latin words in the same message (names, "ok") fold as usual


# ---------------------------------------------------------------- Bengali

def normalise_bengali(text: str) -> str:
    # NFD splits য় / ড় / ঢ় into letter + nukta, so both spellings meet.
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    text = unicodedata.normalize("NFD", text).replace("\u0964", " \u0964 ")
    return fold_latin(text) if "latin" in scripts_in(text) else text.lower()


def normalise_for_language(text: str, lang: str) -> str:
    """Normalise text written in `lang` (not English) for phrase matching."""
    if lang in ("ar", "ur"):
        return normalise_arabic_script(text, strip_proclitics=(lang == "ar"))
    if lang == "bn":
        return normalise_bengali(text)
    return fold_latin(text)


# ---------------------------------------------------------------- English

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
        text = fold_latin(_INVISIBLE.sub("", text))
        text = _MASKED.sub(self._unmask, text)
        text = _REPEATS.sub(r"\1", text)
        text = _WORD.sub(lambda m: self.repair(m.group(0)), text)
        if self._spelling_re is not None:
            text = self._spelling_re.sub(lambda m: self._variants[m.group(1)], text)
        text = text.replace("'", "")
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
