"""Real questions are split by page: no page taught to the assistant is in a held-out set."""
from __future__ import annotations

from collections import Counter

import yaml

from tests.support.nlu_data import normalised
from tests.support.real_questions import (
    EIGHTH_GATHERING,
    FIFTH_GATHERING,
    FOURTH_GATHERING,
    HELDOUT,
    NINTH_GATHERING,
    SEVENTH_GATHERING,
    SIXTH_GATHERING,
    TRAINING,
    load_labelled,
    page_key,
    questions_on_held_out_pages,
    texts_in_other_training_files,
)


def taught_pages() -> set[str]:
    content = yaml.safe_load(TRAINING.read_text(encoding="utf-8"))
    return {page_key(example["metadata"]["source"]) for block in content["nlu"] for example in block["examples"]}


def held_out_pages() -> set[str]:
    whole = load_labelled((FOURTH_GATHERING, SIXTH_GATHERING, SEVENTH_GATHERING, EIGHTH_GATHERING,
                           NINTH_GATHERING))
    return {page_key(entry["url"]) for entry in held_out_entries() + whole}


def held_out_entries() -> list[dict]:
    """The held-out side of the gatherings that were split by page."""
    return load_labelled((HELDOUT,)) + questions_on_held_out_pages(FIFTH_GATHERING)


def test_no_taught_page_is_held_out() -> None:
    taught, held = taught_pages(), held_out_pages()
    assert taught and held
    assert sorted(taught & held) == []


def test_one_page_under_its_different_addresses_is_one_page() -> None:
    assert page_key("https://www.Example.org/a/b/print/") == page_key("http://example.org/a/b")
    assert page_key("https://forum.org/viewtopic.php?t=3&sid=ab12") == page_key("https://forum.org/viewtopic.php?t=3")
    assert page_key("https://forum.org/viewtopic.php?t=3") != page_key("https://forum.org/viewtopic.php?t=4")


def test_the_held_out_side_is_at_least_30_percent_of_the_gathered_questions() -> None:
    taught = sum(len(block["examples"]) for block in yaml.safe_load(TRAINING.read_text(encoding="utf-8"))["nlu"])
    held = len(held_out_entries())
    assert held / (held + taught) >= 0.30


def test_each_real_question_is_taught_once() -> None:
    """Not again beside the same words in the hand-written data, nor twice itself (punctuation aside)."""
    content = yaml.safe_load(TRAINING.read_text(encoding="utf-8"))
    taught = Counter(normalised(example["text"]) for block in content["nlu"] for example in block["examples"])
    assert sorted(text for text, count in taught.items() if count > 1) == []
    assert sorted(set(taught) & texts_in_other_training_files()) == []
