"""Train the Rasa model only when what it is trained from has changed.

The model's name carries a fingerprint of its inputs, so an unchanged project finds
its model at once and a second `make run` starts in seconds.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bot.settings import PROJECT_ROOT

MODELS_DIR = PROJECT_ROOT / "models"
TRAINING_DATA = ("data/nlu", "data/rules")
TRAINING_INPUTS = ("config.yml", "domain", *TRAINING_DATA, "data/safety", "data/knowledge", "bot/rasa_plugins",
                   "bot/classify", "bot/safety", "bot/languages", "requirements.lock")


def _files(root: Path, relative: str) -> list[Path]:
    path = root / relative
    if not path.is_dir():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def fingerprint(root: Path = PROJECT_ROOT) -> str:
    digest = hashlib.sha256()
    for relative in TRAINING_INPUTS:
        for path in _files(root, relative):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_path(root: Path = PROJECT_ROOT) -> Path:
    return MODELS_DIR / f"cpc-{fingerprint(root)}.tar.gz"


#: Rasa's own telemetry and error reporting send data to Rasa's servers: never from here.
QUIET_RASA = {"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
#: Rasa's own training cache keys a component on its class's source and Rasa's inputs, not on the
#: modules the class calls (bot/classify, bot/safety) or the files it reads itself (data/safety): after
#: a change there it would restore the old component. Off: our fingerprint decides when to train.
TRAINING_ENV = {**QUIET_RASA, "RASA_MAX_CACHE_SIZE": "0"}


def rasa_command(*args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("rasa")), *args]


def train(out: Path, *options: str, root: Path = PROJECT_ROOT, **run: Any) -> subprocess.CompletedProcess:
    """`rasa train`, every component trained anew (TRAINING_ENV)."""
    return subprocess.run(
        rasa_command("train", "--config", "config.yml", "--domain", "domain", "--data", *TRAINING_DATA,
                     "--out", str(out), *options),
        cwd=root, check=True, env={**os.environ, **TRAINING_ENV, "PYTHONPATH": str(root)},
        **run,
    )


def train_if_needed(root: Path = PROJECT_ROOT) -> Path:
    """The current model, trained first if no model matches the inputs."""
    target = model_path(root)
    if target.exists():
        print(f"Model is up to date: {target.relative_to(root)}")
        return target
    print("Training the assistant (something it is made from changed)...")
    train(MODELS_DIR, "--fixed-model-name", target.name.removesuffix(".tar.gz"), root=root)
    return target
