"""Objects loaded with the model are frozen out of the garbage collector's walks."""
from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from bot.rasa_plugins import garbage_collection
from bot.rasa_plugins.garbage_collection import ModelFreeze, freeze_loaded_objects


@pytest.fixture(autouse=True)
def thawed_afterwards() -> Iterator[None]:
    """Each test may freeze objects; none leaves them frozen for the tests after it."""
    yield
    gc.unfreeze()


class Model:
    """Stands in for a loaded model: its objects hold a reference cycle, as TensorFlow's do."""

    def __init__(self) -> None:
        self.parts = [{"weights": n, "model": self} for n in range(100)]


def test_loaded_objects_are_frozen_and_new_ones_are_still_collected() -> None:
    loaded = [{"model": n} for n in range(1000)]
    freeze_loaded_objects()
    assert gc.get_freeze_count() >= len(loaded)
    cycle: list = []
    cycle.append(cycle)          # garbage made after loading is still found
    del cycle
    assert gc.collect() >= 1


def test_the_same_model_is_frozen_once(monkeypatch: pytest.MonkeyPatch) -> None:
    freezes: list[None] = []
    monkeypatch.setattr(garbage_collection, "freeze_loaded_objects", lambda: freezes.append(None))
    freeze, model = ModelFreeze(), Model()
    for _ in range(3):
        freeze.follow(model)
    assert len(freezes) == 1


def test_a_replaced_model_is_freed_and_the_new_one_frozen() -> None:
    freeze, first = ModelFreeze(), Model()
    freeze.follow(first)
    first_gone = weakref.ref(first)
    del first
    freeze.follow(Model())                   # a model loaded through the HTTP API
    assert first_gone() is None, "the replaced model's frozen cycle was never collected"
    assert gc.get_freeze_count() > 0


def test_a_replaced_model_still_in_use_is_not_frozen_again() -> None:
    freeze, first, second = ModelFreeze(), Model(), Model()
    freeze.follow(first)
    first_gone = weakref.ref(first)
    freeze.follow(second)                    # `first` is still held, as by a turn that began with it
    assert gc.get_freeze_count() == 0, "the old model, still in use, was frozen again"
    del first
    gc.collect()
    assert first_gone() is None
    freeze.follow(second)
    assert gc.get_freeze_count() > 0
