"""Real questions are split by page: no page taught to the assistant is in a held-out set."""
from __future__ import annotations

import yaml

from tests.support.real_questions import (
    FIFTH_GATHERING,
    FOURTH_GATHERING,
    HELDOUT,
    SIXTH_GATHERING,
    TRAINING,
    held_out_pages_of,
    load_labelled,
)


def taught_pages() -> set[str]:
    content = yaml.safe_load(TRAINING.read_text(encoding="utf-8"))
    return {example["metadata"]["source"] for block in content["nlu"] for example in block["examples"]}


def held_out_pages() -> set[str]:
    return {entry["url"] for entry in held_out_entries() + load_labelled((FOURTH_GATHERING, SIXTH_GATHERING))}


def held_out_entries() -> list[dict]:
    """The held-out side of the gatherings that were split by page."""
    return load_labelled((HELDOUT,)) + held_out_pages_of(FIFTH_GATHERING)


def test_no_taught_page_is_held_out() -> None:
    taught, held = taught_pages(), held_out_pages()
    assert taught and held
    assert not taught & held


def test_the_held_out_side_is_at_least_30_percent_of_the_gathered_questions() -> None:
    taught = sum(len(block["examples"]) for block in yaml.safe_load(TRAINING.read_text(encoding="utf-8"))["nlu"])
    held = len(held_out_entries())
    assert held / (held + taught) >= 0.30
