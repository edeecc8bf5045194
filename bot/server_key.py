"""The installation's server secret, shared by the case layer and My views download links.

It comes from CASES_HMAC_KEY or, failing that, a key file created once with mode 0600
under the var folder, so every process on the machine derives the same keys from it.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from bot.settings import VAR_DIR, load_settings

KEY_ENV = "CASES_HMAC_KEY"
KEY_FILE_NAME = "cases_hmac.key"
MIN_KEY_CHARS = 32


def load_hmac_key(var_dir: Path | None = None) -> bytes:
    """The server secret for reference hashes (env var first, then the key file)."""
    from_env = load_settings().cases_hmac_key
    if from_env:
        if len(from_env) < MIN_KEY_CHARS:
            raise ValueError(f"{KEY_ENV} must be at least {MIN_KEY_CHARS} characters long")
        return from_env.encode("utf-8")
    path = Path(var_dir or VAR_DIR) / KEY_FILE_NAME
    if not path.exists():
        _create_key_file(path)
    key = path.read_text(encoding="ascii").strip()
    if len(key) < MIN_KEY_CHARS:
        raise ValueError(f"{path} holds a key shorter than {MIN_KEY_CHARS} characters")
    return key.encode("ascii")


def _create_key_file(path: Path) -> None:
    """Write a new random key readable by the owner only; never replace an existing one.

    The key is written to a private temporary file and then hard-linked into place, so a
    second process starting at the same moment either wins or reads the complete file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32) + "\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)
