"""Reading Rasa NLU YAML files as (text, intent) pairs for our own evaluations."""
from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml
from rasa.shared.nlu.training_data.message import Message

_ENTITY = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\{[^}]*\}")
_PUNCTUATION = re.compile(r"[^\w\s]")


def normalised(text: str) -> str:
    """A question's words, for telling two texts apart: lower case, no punctuation, single spaces."""
    return " ".join(_PUNCTUATION.sub("", text.lower()).split())


@functools.lru_cache(maxsize=1)
def training_messages() -> tuple[Message, ...]:
    """Every intent example the assistant is trained on (every language and topic under data/nlu), read
    once (it takes seconds) by Rasa's own loader, with each example's language in its metadata."""
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.settings import DATA_DIR

    return tuple(load_data(str(DATA_DIR / "nlu")).intent_examples)


def taught_examples() -> tuple[tuple[str, str], ...]:
    """Every (text, intent) the assistant is trained on."""
    return tuple((example.get("text"), example.get("intent")) for example in training_messages())


def plain_text(example: str) -> str:
    """An example without Rasa's entity markup: "im [13](age)" -> "im 13"."""
    return _ENTITY.sub(lambda match: match.group(1) or match.group(2), example)


def read_examples(path: Path) -> list[tuple[str, str]]:
    content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    pairs = []
    for block in content.get("nlu") or []:
        if "intent" not in block:
            continue
        for line in str(block.get("examples", "")).splitlines():
            line = line.strip()
            if line.startswith("- "):
                pairs.append((plain_text(line[2:].strip()), block["intent"]))
    return pairs
