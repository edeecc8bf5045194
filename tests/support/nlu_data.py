"""Reading Rasa NLU YAML files as (text, intent) pairs for our own evaluations."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

_ENTITY = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\{[^}]*\}")


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
