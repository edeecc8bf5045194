"""Pure parsers for what people type into forms: no tracker, no database, no replies."""
from __future__ import annotations

import re
from typing import Optional

from bot.my_views import MAX_NAME_CHARS, SHARE_CHOICES
from bot.my_views.document import own_words
from bot.privacy.personal_details import PATTERNS

# -- case look-up ------------------------------------------------------------------------------

REFERENCE = re.compile(r"(?<![\w-])[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)+(?![\w-])")


def split_reference_and_code(text: str) -> tuple[Optional[str], Optional[str]]:
    """The case reference and, if typed in the same message, the access code."""
    code_match = PATTERNS["access_code"].search(text)
    candidates = [m.group(0) for m in REFERENCE.finditer(text) if any(ch.isdigit() for ch in m.group(0))]
    if code_match and len(candidates) > 1:
        reference = next(c for c in candidates if c != code_match.group(0))
        return reference, code_match.group(0)
    return (candidates[0] if candidates else None), None


# -- age -----------------------------------------------------------------------------------------

MIN_AGE, MAX_AGE = 4, 25
_NUMBER = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")
_AGE_WORDS = {"four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
              "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
              "eighteen": 18, "nineteen": 19}


def parse_age(text: str, entity: Optional[str] = None) -> Optional[int]:
    """An age from the NLU entity, digits ("im 13", "13 yrs") or an English number word."""
    for candidate in (entity, *_NUMBER.findall(text or "")):
        try:
            value = int(float(candidate)) if candidate is not None else None
        except (TypeError, ValueError):
            value = None
        if value is not None and MIN_AGE <= value <= MAX_AGE:
            return value
    for word in re.findall(r"[a-z]+", (text or "").lower()):
        if word in _AGE_WORDS:
            return _AGE_WORDS[word]
    return None


# -- My views --------------------------------------------------------------------------------------

_NAME_PREFIX = re.compile(r"^(?:my name is|my names|my name's|name is|name's|it is|its|it's|i am|im|i'm|call me)\s+",
                          re.IGNORECASE)
_NAME_CHARS = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)?$")


def clean_first_name(text: str) -> Optional[str]:
    """A first name ("Jordan", "my name is Jordan", "Mary-Jane"), or None if it is not one."""
    name = own_words(text).strip().strip(".!")
    name = _NAME_PREFIX.sub("", name).strip()
    if not name or len(name) > MAX_NAME_CHARS or not _NAME_CHARS.match(name):
        return None
    return name


_ORDINALS = {"first": 0, "1st": 0, "one": 0, "1": 0, "second": 1, "2nd": 1, "two": 1, "2": 1,
             "third": 2, "3rd": 2, "three": 2, "3": 2, "fourth": 3, "4th": 3, "four": 3, "4": 3}
_PICK = re.compile(r"^(?:the\s+)?(?:option\s+|number\s+|no\.?\s*|#)?(\w+)(?:\s+one)?(?:\s+pl(?:ea)?se?|\s+pls)?[.!]?$",
                   re.IGNORECASE)


def share_choice_from_text(text: str) -> Optional[str]:
    """ "the second one", "option 3": a pick from the listed ways of sharing (else None)."""
    match = _PICK.match(text.strip())
    index = _ORDINALS.get(match.group(1).lower()) if match else None
    return SHARE_CHOICES[index] if index is not None else None
