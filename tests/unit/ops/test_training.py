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


@pytest.mark.parametrize("changed", ["bot/classify/linear.py", "bot/safety/layer.py", "data/safety/self_harm.yml",
                                     "data/nlu/pl/about.yml", "config.yml"])
def test_a_change_rasa_does_not_see_still_changes_the_model_name(tmp_path: Path, changed: str) -> None:
    """The model is named by our fingerprint, so a change to our classifier code or the phrase lists trains anew."""
    for relative in training.TRAINING_INPUTS:
        path = tmp_path / relative
        if path.suffix:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("before")
        else:
            path.mkdir(parents=True, exist_ok=True)
    (tmp_path / changed).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / changed).write_text("before")
    before = training.model_path(tmp_path)
    (tmp_path / changed).write_text("after")
    assert training.model_path(tmp_path) != before
