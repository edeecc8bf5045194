"""Real questions are split by page: no page taught to the assistant is in a held-out set."""
from __future__ import annotations

import yaml

from bot.settings import PROJECT_ROOT
from tests.support.real_questions import FIFTH_GATHERING, HELDOUT, TRAINING, is_held_out, load_labelled


def taught_pages() -> set[str]:
    content = yaml.safe_load(TRAINING.read_text(encoding="utf-8"))
    return {example["metadata"]["source"] for block in content["nlu"] for example in block["examples"]}


def held_out_pages() -> set[str]:
    held = load_labelled((HELDOUT, PROJECT_ROOT / "tests" / "data" / "real_questions4" / "questions.yml"))
    held += [entry for entry in load_labelled((FIFTH_GATHERING,)) if is_held_out(entry["url"])]
    return {entry["url"] for entry in held}


def test_no_taught_page_is_held_out() -> None:
    taught, held = taught_pages(), held_out_pages()
    assert taught and held
    assert not taught & held


def test_the_held_out_side_is_at_least_30_percent_of_the_gathered_questions() -> None:
    taught = sum(len(block["examples"]) for block in yaml.safe_load(TRAINING.read_text(encoding="utf-8"))["nlu"])
    held = len(load_labelled((HELDOUT,)))
    assert held / (held + taught) >= 0.30
