"""Objects loaded with the model are frozen out of the garbage collector's walks."""
from __future__ import annotations

import gc

from bot.rasa_plugins.garbage_collection import freeze_loaded_objects


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
