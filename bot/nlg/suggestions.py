"""Topics to offer as buttons when the assistant is not sure what was asked ("Did you mean...?").

A response whose metadata says `suggest: this_message` offers the likeliest topics for the
message just received; `suggest: last_question` offers the next likeliest topics for the last
question that was answered, leaving out the answer already given (after "that's not what I
asked"). The candidates come from the intent ranking Rasa stores with each user message.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any, Optional

from bot.nlg.responses import topics
from bot.nlg.social_care import about_social_care

TOPIC_PREFIX = "ask_"
#: How sure the topic classifier must be that a message is a conference question, both for the
#: guard (answer it after a crisis reply) and for the safety layer (a classifier-only alarm on it
#: becomes the check-in). Chosen on the tuning blind safety sets (docs/decisions.md, ADR 1).
SURE_QUESTION = 0.6


def sure_topic(intent: Mapping[str, Any], least: float, also: Collection[str] = ()) -> Optional[str]:
    """The topic intent ("ask_...", or one of `also`) Rasa recognised, when it is at least this sure of it."""
    name = str(intent.get("name") or "")
    topical = name.startswith(TOPIC_PREFIX) or name in also
    return name if topical and float(intent.get("confidence") or 0.0) >= least else None


MAX_SUGGESTIONS = 3
#: A candidate less likely than this is not worth a button: for the message just received (when
#: nothing reaches it, the plain "did not understand" reply is better than random topics), and for
#: the question answered already (its answer took most of the probability, the rest is spread thin).
MIN_CONFIDENCE = {"this_message": 0.05, "last_question": 0.005}
#: A message about children's social care gets its likeliest topics however unlikely (bot/nlg/social_care.py).
MIN_CONFIDENCE_SOCIAL_CARE = 0.0


def _topic_candidates(ranking: Iterable[Mapping[str, Any]], leave_out: set[str], least: float) -> list[str]:
    known = topics()
    chosen = []
    for entry in ranking:
        name = str(entry.get("name") or "")
        topic = name[len(TOPIC_PREFIX):] if name.startswith(TOPIC_PREFIX) else ""
        if topic in known and name not in leave_out and float(entry.get("confidence") or 0) >= least:
            chosen.append(topic)
        if len(chosen) == MAX_SUGGESTIONS:
            break
    return chosen


def _user_events(tracker: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [event for event in tracker.get("events") or [] if event.get("event") == "user"]


def asks_a_topic(event: Mapping[str, Any]) -> bool:
    """Whether a user message was recognised as a topic question."""
    intent = (event.get("parse_data") or {}).get("intent") or {}
    return str(intent.get("name") or "").startswith(TOPIC_PREFIX)


def _last_answered_question(tracker: Mapping[str, Any]) -> Optional[Mapping[str, Any]]:
    """The parse data of the latest user message before this one that was a topic question."""
    for event in reversed(_user_events(tracker)[:-1]):
        if asks_a_topic(event):
            return event.get("parse_data") or {}
    return None


def suggested_topics(kind: str, tracker: Mapping[str, Any]) -> list[str]:
    """Topic ids to offer for `kind` (this_message | last_question); [] when there is nothing to offer."""
    if kind == "this_message":
        parse = tracker.get("latest_message") or {}
        least = MIN_CONFIDENCE_SOCIAL_CARE if about_social_care(str(parse.get("text") or "")) else MIN_CONFIDENCE[kind]
        return _topic_candidates(parse.get("intent_ranking") or [], set(), least)
    if kind == "last_question":
        parse = _last_answered_question(tracker)
        if parse is None:
            return []
        answered = str((parse.get("intent") or {}).get("name") or "")
        return _topic_candidates(parse.get("intent_ranking") or [], {answered}, MIN_CONFIDENCE[kind])
    return []
