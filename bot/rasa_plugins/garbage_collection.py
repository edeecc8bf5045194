"""Keep Python's garbage collector from pausing every conversation at once.

A loaded Rasa server holds about 600,000 long-lived objects (TensorFlow, spaCy, the domain, rules and
models). Python's full collection walks all of them: under load that was a pause of about 260 ms every
8 s, in which no reply went out (measured with gc.callbacks during `make bench`'s load). Once the model
is loaded they will never be garbage, so they are moved out of the collector's sight (gc.freeze); a full
collection then walks only what the turns create (under 10 ms).

A model replaced through Rasa's HTTP API (PUT /model) would otherwise never be freed: its objects hold
reference cycles, and the collector ignores frozen cycles. So the freeze follows the loaded model: the
old model is thawed, and the new one frozen once the old one is gone (turns that began with it may
still hold it for a moment; freezing then would freeze the old model again).
"""
from __future__ import annotations

import gc
import logging
import weakref
from typing import Any, Optional

logger = logging.getLogger(__name__)


def freeze_loaded_objects() -> None:
    """Call once the model is loaded: collect what loading left behind, then freeze the rest."""
    gc.collect()
    gc.freeze()
    logger.info("%d objects loaded with the model are out of the garbage collector's sight", gc.get_freeze_count())


class ModelFreeze:
    """Freezes the objects of whichever model is loaded, and thaws them when that model is replaced."""

    def __init__(self) -> None:
        # Weak references: holding a model here would keep a replaced one alive.
        self._frozen_for: Optional[weakref.ref] = None
        self._replaced: Optional[weakref.ref] = None

    def follow(self, model: Any) -> None:
        """Call with the loaded model (Rasa's agent) before each turn; cheap unless it has changed."""
        if model is None or (self._frozen_for is not None and self._frozen_for() is model):
            return
        if self._frozen_for is not None:
            gc.unfreeze()                    # the replaced model's cycles become collectable again
            gc.collect()
            self._replaced, self._frozen_for = self._frozen_for, None
            logger.info("A new model was loaded; the old one is thawed")
        if self._replaced is not None and self._replaced() is not None:
            return                           # still held by a turn: the collector frees it later
        self._replaced = None
        freeze_loaded_objects()
        self._frozen_for = weakref.ref(model)
