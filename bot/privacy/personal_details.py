"""Find and mask personal details a user types into the chat.

The assistant never needs a phone number, email address, date of birth, home address
or full name, so these are masked before a conversation is stored or logged. Access
codes are masked too: they are secrets.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)

#: kind -> pattern. Order matters: access codes before phone numbers.
PATTERNS: dict[str, re.Pattern[str]] = {
    "access_code": re.compile(
        r"(?<![-\w])(?:[A-Za-z]{3,10}-\d{4}|[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4})(?![-\w])"
    ),
    "email": re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),
    "date_of_birth": re.compile(
        r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:"
        + _MONTHS
        + r")\s+(?:19|20)\d{2})\b",
        re.IGNORECASE,
    ),
    "phone": re.compile(r"(?<![\w-])(?:\+44\s?|0)(?:\d[\s-]?){9,10}(?!\w)"),
    "postcode": re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE),
    "address": re.compile(
        r"\b\d{1,4}[a-z]?\s+(?:[A-Za-z]+\s){1,3}(?:road|rd|street|st|avenue|ave|lane|ln|close|"
        r"drive|dr|way|court|ct|crescent|place|terrace|gardens|grove|hill|park|row|square|walk)\b",
        re.IGNORECASE,
    ),
    "full_name": re.compile(
        r"(?i:\b(?:my name is|my name's|i am called|im called|this is|my (?:son|daughter|child|"
        r"partner|husband|wife|ex)(?: is| called)?))\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+"
    ),
}

MASK = "[{kind} removed]"


def find_personal_details(text: str) -> list[str]:
    """The kinds of personal detail in `text` (never the values themselves)."""
    return [kind for kind, pattern in PATTERNS.items() if pattern.search(text or "")]


def mask_text(text: str, kinds: Iterable[str] = tuple(PATTERNS)) -> str:
    """`text` with every personal detail of the given kinds replaced by a marker."""
    if not text:
        return text
    for kind in kinds:
        text = PATTERNS[kind].sub(MASK.format(kind=kind.replace("_", " ")), text)
    return text
