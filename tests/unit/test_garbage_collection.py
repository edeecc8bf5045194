"""Objects loaded with the model are frozen out of the garbage collector's walks."""
from __future__ import annotations

import gc
import weakref

import pytest

from bot.rasa_plugins import garbage_collection
from bot.rasa_plugins.garbage_collection import ModelFreeze, freeze_loaded_objects


def test_loaded_objects_are_frozen_and_new_ones_are_still_collected() -> None:
    loaded = [{"model": n} for n in range(1000)]
    try:
        freeze_loaded_objects()
        assert gc.get_freeze_count() >= len(loaded)
        cycle: list = []
        cycle.append(cycle)          # garbage made after loading is still found
        del cycle
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()


class Model:
    """Stands in for a loaded model: its objects hold a reference cycle, as TensorFlow's do."""

    def __init__(self) -> None:
        self.parts = [{"weights": n, "model": self} for n in range(100)]


def test_the_same_model_is_frozen_once(monkeypatch: pytest.MonkeyPatch) -> None:
    freezes: list[None] = []
    monkeypatch.setattr(garbage_collection, "freeze_loaded_objects", lambda: freezes.append(None))
    freeze, model = ModelFreeze(), Model()
    for _ in range(3):
        freeze.follow(model)
    assert len(freezes) == 1


def test_a_replaced_model_is_freed_and_the_new_one_frozen() -> None:
    freeze = ModelFreeze()
    first = Model()
    try:
        freeze.follow(first)
        first_gone = weakref.ref(first)
        second = Model()
        del first
        freeze.follow(second)                    # a model loaded through the HTTP API
        assert first_gone() is None, "the replaced model's frozen cycle was never collected"
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_replaced_model_still_in_use_is_not_frozen_again() -> None:
    freeze = ModelFreeze()
    first = Model()
    try:
        freeze.follow(first)
        first_gone = weakref.ref(first)
        turn_begun_before = first                # a turn that began with the old model still holds it
        del first
        second = Model()
        freeze.follow(second)
        assert gc.get_freeze_count() == 0, "the old model, still in use, was frozen again"
        del turn_begun_before
        gc.collect()
        assert first_gone() is None
        freeze.follow(second)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
