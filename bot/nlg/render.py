"""Render one response for one conversation: variation, language, placeholders, extras.

Rasa's callback NLG sends the response name, the action's arguments and the whole
tracker; this module turns those into the message the user sees, in their language.
"""
from __future__ import annotations

import logging
import string
from collections.abc import Callable, Mapping
from typing import Any, Optional

from bot.i18n import LANGUAGES, N_, SOURCE_LANGUAGE, gettext_for, normalise_language
from bot.languages.bidi import isolate_numbers
from bot.nlg.responses import Variation, choose_variation, responses, sources, topics
from bot.nlg.suggestions import TOPIC_PREFIX, asks_a_topic, suggested_topics
from bot.nlg.values import localise
from bot.profile import load_profile

logger = logging.getLogger(__name__)

MORE_SUFFIX = "_more"
SECRET_PROMPTS = frozenset({"utter_ask_access_code"})
PRIVACY_REMINDER = N_(
    "Please do not share personal details here, like a phone number, address, email or date of birth. "
    "I have hidden what you typed so it is not kept."
)
SOURCE_LINE = N_("Where this comes from: {source}")
SOURCE_TEXT = N_("{title}, section “{section}”")
TRANSLATION_NOTE = N_("This is a translation. The English version is the one to rely on.")
TELL_ME_MORE = N_("Tell me more")
OTHER_QUESTIONS = N_("Other questions")
#: Personal-detail kinds that are expected answers, not oversharing.
EXPECTED_DETAILS = frozenset({"access_code"})


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        logger.warning("No value for placeholder %s", key)
        return ""


def conversation_language(tracker: Mapping[str, Any]) -> str:
    slot = (tracker.get("slots") or {}).get("language")
    if slot in LANGUAGES:
        return slot
    metadata = (tracker.get("latest_message") or {}).get("metadata") or {}
    return normalise_language(metadata.get("language"))


def wants_english_alongside(tracker: Mapping[str, Any]) -> bool:
    slots = tracker.get("slots") or {}
    return slots.get("audience") == "interpreter" or bool(slots.get("show_english"))


def _first_reply_of_turn(tracker: Mapping[str, Any]) -> bool:
    for event in reversed(tracker.get("events") or []):
        if event.get("event") == "user":
            return True
        if event.get("event") == "bot":
            return False
    return True


def _source_of(event: Mapping[str, Any]) -> Optional[str]:
    return (event.get("metadata") or {}).get("source") if event.get("event") == "bot" else None


def _last_source_key(tracker: Mapping[str, Any]) -> Optional[str]:
    for event in reversed(tracker.get("events") or []):
        if source := _source_of(event):
            return source
    return None


def events_rendering_reads(events: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Of a conversation's events, in order, the ones rendering reads: this turn's (from the latest
    user message), the latest bot message with a source and the latest earlier topic question.
    Rasa sends the NLG server only these (bot/rasa_plugins/nlg.py)."""
    users = [index for index, event in enumerate(events) if event.get("event") == "user"]
    keep = set(range(users[-1] if users else 0, len(events)))
    sourced = [index for index, event in enumerate(events) if _source_of(event)]
    questions = [index for index in users[:-1] if asks_a_topic(events[index])]
    keep.update(found[-1] for found in (sourced, questions) if found)
    return [events[index] for index in sorted(keep)]


class Renderer:
    """Renders responses in one language for one tracker state."""

    def __init__(self, tracker: Mapping[str, Any], lang: str) -> None:
        self.tracker = tracker
        self.lang = lang
        self.translate: Callable[[str], str] = gettext_for(lang)

    def fill(self, english: str, arguments: Mapping[str, Any]) -> str:
        """Translate `english` and fill its placeholders."""
        names = {field for _, field, _, _ in string.Formatter().parse(english) if field}
        values = {**load_profile().placeholder_values(), **(self.tracker.get("slots") or {}), **arguments}
        if "last_source" in names:
            values["last_source"] = self.source_text(_last_source_key(self.tracker))
        filled = _Missing({name: localise(name, values.get(name), self.lang, self.translate)
                           for name in names if name in values})
        return self.translate(english).format_map(filled)

    def source_text(self, key: Optional[str]) -> str:
        source = sources().get(key or "")
        if source is None:
            return ""
        return self.translate(SOURCE_TEXT).format(title=self.translate(source.title),
                                                  section=self.translate(source.section))

    def body(self, name: str, variation: Variation, arguments: Mapping[str, Any]) -> str:
        parts = [self.fill(variation.get("text", ""), arguments)]
        details = set((self.tracker.get("latest_message") or {}).get("personal_details") or [])
        if details - EXPECTED_DETAILS and _first_reply_of_turn(self.tracker):
            parts.insert(0, self.translate(PRIVACY_REMINDER))
        source_key = (variation.get("metadata") or {}).get("source")
        if source_key:
            parts.append(self.translate(SOURCE_LINE).format(source=self.source_text(source_key)))
            if self.lang != SOURCE_LANGUAGE:
                parts.append(self.translate(TRANSLATION_NOTE))
        text = "\n\n".join(part for part in parts if part)
        return isolate_numbers(text) if LANGUAGES[self.lang].direction == "rtl" else text

    def buttons(self, name: str, variation: Variation, suggested: list[str]) -> list[dict[str, str]]:
        known = topics()
        buttons = [{"title": self.translate(known[topic].title), "payload": f"/{TOPIC_PREFIX}{topic}"}
                   for topic in suggested]
        buttons += [{"title": self.translate(button["title"]), "payload": button["payload"]}
                    for button in variation.get("buttons") or []]
        if (variation.get("metadata") or {}).get("source"):
            if f"{name}{MORE_SUFFIX}" in responses():
                buttons.append({"title": self.translate(TELL_ME_MORE), "payload": "/tell_me_more"})
            buttons.append({"title": self.translate(OTHER_QUESTIONS), "payload": "/menu"})
        return buttons


def render(name: str, tracker: Mapping[str, Any], arguments: Optional[Mapping[str, Any]] = None) -> dict[str, Any]:
    """The NLG reply for response `name` (Rasa's callback format)."""
    arguments = {key: value for key, value in (arguments or {}).items() if key != "domain_responses"}
    variations = responses().get(name)
    if not variations:
        logger.error("Unknown response %s", name)
        return {"text": "", "buttons": []}
    variation = choose_variation(variations, tracker.get("slots") or {}) or variations[0]
    metadata = variation.get("metadata") or {}
    suggested = suggested_topics(metadata["suggest"], tracker) if metadata.get("suggest") else []
    if metadata.get("suggest") and not suggested and metadata.get("otherwise"):
        return render(metadata["otherwise"], tracker, arguments)
    lang = conversation_language(tracker)
    renderer = Renderer(tracker, lang)
    reply: dict[str, Any] = {
        "text": renderer.body(name, variation, arguments),
        "buttons": renderer.buttons(name, variation, suggested),
    }
    source_key = (variation.get("metadata") or {}).get("source")
    if source_key:
        reply["source"] = source_key
    custom: dict[str, Any] = {}
    if lang != SOURCE_LANGUAGE:
        custom.update(lang=lang, dir=LANGUAGES[lang].direction)
        if wants_english_alongside(tracker):
            custom["english"] = Renderer(tracker, SOURCE_LANGUAGE).body(name, variation, arguments)
    if name in SECRET_PROMPTS:
        custom["input"] = "secret"
    if custom:
        reply["custom"] = custom
    return reply
