"""Training starts from scratch whenever our fingerprint says the inputs changed."""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from bot.ops import training


def test_rasa_training_never_restores_a_component_from_its_cache(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    """Rasa's cache keys a component on its class's source, not on bot/classify or data/safety:
    with it on, a change there would ship the old classifier."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(subprocess, "run", lambda command, **options: calls.append({"command": command, **options}))
    training.train(tmp_path, "--force")
    [call] = calls
    assert call["env"]["RASA_MAX_CACHE_SIZE"] == "0"
    assert call["command"][1:3] == ["train", "--config"] and "--force" in call["command"]


def test_the_fingerprint_covers_the_code_and_files_rasa_does_not_see() -> None:
    for inputs in ("bot/classify", "bot/safety", "data/safety", "data/nlu"):
        assert inputs in training.TRAINING_INPUTS
