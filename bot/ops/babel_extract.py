"""Babel extractors for the texts that live in YAML: domain responses, the sources and the topics registries.

The English text is the message id; the response name goes to translators as a comment.
Wired up in babel.cfg; run by `pybabel extract` (see docs/deploy.md, "Adding a language").
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import yaml

Extracted = tuple[int, None, str, list[str]]


def _load(fileobj: BinaryIO) -> tuple[Any, list[str]]:
    text = fileobj.read().decode("utf-8")
    return yaml.safe_load(text) or {}, text.splitlines()


def _line_of(lines: list[str], needle: str, start: int = 0) -> int:
    for number in range(start, len(lines)):
        if needle in lines[number]:
            return number + 1
    return start + 1


def extract_rasa_responses(fileobj: BinaryIO, keywords: Any, comment_tags: Any, options: Any) -> Iterator[Extracted]:
    """Every response text and button title in a Rasa domain file."""
    content, lines = _load(fileobj)
    for name, variations in (content.get("responses") or {}).items():
        line = _line_of(lines, f"{name}:")
        for variation in variations or []:
            audience = next((c.get("value") for c in variation.get("condition") or []), None)
            comment = f"response: {name}" + (f" (for {audience})" if audience else "")
            if variation.get("text"):
                yield line, None, variation["text"], [comment]
            for button in variation.get("buttons") or []:
                yield line, None, button["title"], [f"{comment}, button"]


def extract_sources(fileobj: BinaryIO, keywords: Any, comment_tags: Any, options: Any) -> Iterator[Extracted]:
    """Document titles and section names shown as "where this comes from"."""
    content, lines = _load(fileobj)
    for key, source in (content.get("sources") or {}).items():
        line = _line_of(lines, f"{key}:")
        yield line, None, source["title"], [f"source {key}: document title"]
        yield line, None, source["section"], [f"source {key}: section heading"]


def extract_topics(fileobj: BinaryIO, keywords: Any, comment_tags: Any, options: Any) -> Iterator[Extracted]:
    """Topic titles: the buttons of "Did you mean...?"."""
    content, lines = _load(fileobj)
    for key, topic in (content.get("topics") or {}).items():
        yield _line_of(lines, f"{key}:"), None, topic["title"], [f"topic {key}: button title"]
