"""Script-aware normal forms, shared by phrase matching, classifiers and language ID.

A phrase written with diacritics must meet text typed without them, and the
Arabic-script letter variants used by Arabic and Urdu writers must meet too.
"""
from __future__ import annotations

import re
import unicodedata

from bot.languages import SCRIPT_RANGES

# ---------------------------------------------------------------- scripts

_ARABIC_RANGES = SCRIPT_RANGES["arabic"]
_BENGALI_RANGE = SCRIPT_RANGES["bengali"][0]


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
INVISIBLE = re.compile("[\u200b\u200c\u200d\u200e\u200f\u2066-\u2069\u202a-\u202e\ufeff]")


def fold_latin(text: str) -> str:
    """Lower case and strip diacritics from Latin letters (ą->a, ș->s, ã->a, ł->l)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower().translate(_LATIN_EXTRA)
    out: list[str] = []
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
    """Arabic/Urdu letter variants merged, marks and invisible characters removed, Latin folded."""
    text = unicodedata.normalize("NFKC", text)
    text = INVISIBLE.sub("", text)
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    if strip_proclitics:
        text = _ARABIC_PROCLITIC.sub("", text)
    return fold_latin(text)  # Latin words in the same message (names, "ok") fold as usual


# ---------------------------------------------------------------- Bengali

def normalise_bengali(text: str) -> str:
    """Bengali in one Unicode form (nukta letters and two-part vowel signs decomposed), danda spaced out,
    whether or not the message mixes in English words."""
    text = INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    # English words are folded first: fold_latin ends in NFC, which joins ো / ৌ. NFD last splits them and
    # য় / ড় / ঢ় (letter + nukta) in every message, so both spellings meet the lists' phrases.
    text = fold_latin(text) if "latin" in scripts_in(text) else text.lower()
    return unicodedata.normalize("NFD", text).replace("\u0964", " \u0964 ")


#: Quote marks around a word ("makes me do \"things\"", «...», „...") must not split a phrase apart.
_QUOTE_MARKS = re.compile('["\u201c\u201d\u201e\u201a\u00ab\u00bb\u2039\u203a]')


def without_quotes(text: str) -> str:
    return _QUOTE_MARKS.sub(" ", text)


# Urdu is often typed with no space after a word that ends in a letter that does not join the next
# one ("میرےگھروالےزبردستی"): it looks spaced on screen. Bari ye (ے) and noon ghunna (ں) end words
# and nothing else, so a space after them when a letter follows splits the words back out.
_URDU_WORD_END = re.compile("([\u06d2\u06ba])(?=[\u0621-\u06d1\u06d3-\u06ff])")  # ے or ں, then a letter


def split_run_together_urdu(text: str) -> str:
    return _URDU_WORD_END.sub(r"\1 ", text)


def normalise_for_language(text: str, lang: str) -> str:
    """Normalise text written in `lang` (not English) for phrase matching."""
    text = without_quotes(text)
    if lang == "ur":
        return split_run_together_urdu(normalise_arabic_script(text, strip_proclitics=False))
    if lang == "ar":
        return normalise_arabic_script(text, strip_proclitics=True)
    if lang == "bn":
        return normalise_bengali(text)
    return fold_latin(text)
