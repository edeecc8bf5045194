"""A young person's "My views": their draft, the one-page document and its download links.

Their own words are kept in one place only: the draft table `views_drafts` in the case
database (bot/my_views/drafts.py). The tracker store masks every `views_*` slot and every
message that answered one, so the form reads the answers back from the draft, never from
slots. The draft is deleted when they stop, when they say they have finished, when the
conversation is erased (Exit this page, Clear, retention), and at the latest 24 hours after
it was started. The document (bot/my_views/document.py) is made from the draft each time a
download link (bot/my_views/links.py, bot/my_views/routes.py) is opened, and never stored.

A draft's answers are a mapping part -> entry, where an entry is one of
    {"text": "<their own words>"}   what they typed, verbatim
    {"choice": "<key>"}             a button they pressed (how to share their views)
    {"skipped": true}               they chose to skip the question
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any, Optional

#: The questions of the "My views" helper, in the order they are asked.
PARTS: tuple[str, ...] = ("going_well", "worries", "wishes", "share", "chair_only", "first_name")
#: The parts whose answer is what they want the meeting to hear (the name is only a title).
CONTENT_PARTS: tuple[str, ...] = ("going_well", "worries", "wishes", "share", "chair_only")
#: How a young person can have their views shared (the buttons of the "share" question).
SHARE_CHOICES: tuple[str, ...] = ("attend", "chair_reads", "advocate", "social_worker")

#: Slots (and response arguments) whose values are a young person's own words start with this.
#: The tracker store masks them; bot events whose metadata holds such a key must be masked too.
PRIVATE_PREFIX = "views_"

#: One answer may be this long; the case record takes 5000 characters for the whole document.
MAX_ANSWER_CHARS = 800
MAX_NAME_CHARS = 30

#: The privacy notice (utter_views_intro) promises these; change the text if you change them.
DRAFT_LIFETIME = timedelta(hours=24)
LINK_LIFETIME = timedelta(hours=1)

Entry = Mapping[str, Any]


def slot_for(part: str) -> str:
    """The form slot that asks for `part` (views_going_well, ...)."""
    return f"{PRIVATE_PREFIX}{part}"


def entry_text(entry: Optional[Entry]) -> Optional[str]:
    """Their words, if this entry holds any."""
    if not entry:
        return None
    text = entry.get("text")
    return text if isinstance(text, str) and text.strip() else None


def entry_choice(entry: Optional[Entry]) -> Optional[str]:
    if not entry:
        return None
    choice = entry.get("choice")
    return choice if choice in SHARE_CHOICES else None


def is_answered(entry: Optional[Entry]) -> bool:
    """True for words or a choice (not for a skip or nothing)."""
    return entry_text(entry) is not None or entry_choice(entry) is not None


def has_content(answers: Mapping[str, Entry]) -> bool:
    """Whether there is anything to put in a document (a name alone is not enough)."""
    return any(is_answered(answers.get(part)) for part in CONTENT_PARTS)
