"""The assistant's responses, read from the domain files, and variation choice.

The English texts in domain/ are the source and the gettext message ids.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import yaml

from bot.settings import DATA_DIR, DOMAIN_DIR

Variation = Mapping[str, Any]


@dataclass(frozen=True)
class Topic:
    """One answer unit: intent ask_<id>, response utter_<id>, a short title for buttons."""

    id: str
    title: str
    group: str
    audience: str


@dataclass(frozen=True)
class Source:
    """Where a rule comes from: a document and its section."""

    document: str
    title: str
    section: str


def read_responses(domain_dir: Path = DOMAIN_DIR) -> dict[str, list[Variation]]:
    responses: dict[str, list[Variation]] = {}
    for path in sorted(domain_dir.rglob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variations in (content.get("responses") or {}).items():
            if name in responses:
                raise ValueError(f"Response {name} is defined twice (again in {path})")
            responses[name] = variations
    return responses


def read_sources(path: Path = DATA_DIR / "knowledge" / "sources.yml") -> dict[str, Source]:
    content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {key: Source(str(value["document"]), value["title"], value["section"])
            for key, value in (content.get("sources") or {}).items()}


def read_topics(path: Path = DATA_DIR / "knowledge" / "topics.yml") -> dict[str, Topic]:
    content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {key: Topic(key, value["title"], value["group"], value.get("audience", "any"))
            for key, value in (content.get("topics") or {}).items()}


@lru_cache(maxsize=1)
def topics() -> dict[str, Topic]:
    return read_topics()


@lru_cache(maxsize=1)
def responses() -> dict[str, list[Variation]]:
    return read_responses()


@lru_cache(maxsize=1)
def sources() -> dict[str, Source]:
    return read_sources()


def _matches(variation: Variation, slots: Mapping[str, Any]) -> bool:
    return all(
        condition.get("type") == "slot" and slots.get(condition.get("name")) == condition.get("value")
        for condition in variation.get("condition") or []
    )


def choose_variation(variations: list[Variation], slots: Mapping[str, Any]) -> Optional[Variation]:
    """Like Rasa: a matching conditional variation first, else the first unconditional one.

    The choice is deterministic (Rasa picks at random) so that a conversation reads the
    same every time and translations can be checked.
    """
    conditional = [v for v in variations if v.get("condition") and _matches(v, slots)]
    if conditional:
        return conditional[0]
    plain = [v for v in variations if not v.get("condition")]
    return plain[0] if plain else None
