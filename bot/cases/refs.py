"""Case references: how they are matched, and the keyed hash used for audit and lockout.

Audit rows and lockouts must be findable by reference but must not reveal which
references exist, so they hold HMAC-SHA256(server key, reference) instead of the
reference. The key comes from CASES_HMAC_KEY or, failing that, a key file created once
with mode 0600 under the var folder.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

from bot.settings import VAR_DIR

KEY_ENV = "CASES_HMAC_KEY"
KEY_FILE_NAME = "cases_hmac.key"
MIN_KEY_CHARS = 32

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def reference_key(reference: str) -> str:
    """The matching form of a reference: upper case letters and digits only.

    "cpc demo 0001", "CPC-DEMO-0001" and "CPC/DEMO/0001" are the same case.
    """
    return _NOT_ALNUM.sub("", str(reference or "").upper())[:64]


def load_hmac_key(var_dir: Path | None = None) -> bytes:
    """The server secret for reference hashes (env var first, then the key file)."""
    from_env = os.environ.get(KEY_ENV, "").strip()
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


class ReferenceHasher:
    """HMAC-SHA256 of a reference's matching form, as 64 hex characters."""

    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_CHARS:
            raise ValueError(f"reference HMAC key must be at least {MIN_KEY_CHARS} bytes")
        self._key = key

    def __call__(self, reference: str) -> str:
        return hmac.new(self._key, reference_key(reference).encode("ascii"), hashlib.sha256).hexdigest()
