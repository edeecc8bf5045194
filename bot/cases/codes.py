"""Personal access codes: generation, normalisation, slow salted hashing, verification.

A code is shown once when issued and afterwards exists only as an scrypt hash string that
describes its own parameters ("scrypt$n$r$p$salt$hash"), so the cost can be raised later
without breaking old hashes.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from functools import lru_cache

#: Crockford base32: no I, L, O or U, so codes survive being read aloud or handwritten.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 3
GROUP_LENGTH = 4
CODE_BITS = GROUPS * GROUP_LENGTH * 5  # 60 bits

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32
MAX_INPUT = 64  # longer input cannot be a code; cap it so nobody makes us hash megabytes

_SEPARATORS = str.maketrans("", "", " \t\r\n-_.\u2010\u2011\u2012\u2013\u2014\u2212")
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_code() -> str:
    """A fresh random code such as "7K3Q-M9XD-2FHB" (60 bits from `secrets`)."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return "-".join(chars[i:i + GROUP_LENGTH] for i in range(0, len(chars), GROUP_LENGTH))


def normalise_code(text: str) -> str:
    """Ignore case, spaces and dashes, and read I/L as 1 and O as 0 (Crockford's rule).

    The same normalisation is applied when hashing and when checking, so the fixed demo
    codes (which contain L and O) still match however they are typed.
    """
    return str(text or "")[:MAX_INPUT].upper().translate(_SEPARATORS).translate(_LOOKALIKES)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _derive(code: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(normalise_code(code).encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * 1024 * 1024, dklen=KEY_BYTES)


def hash_code(code: str) -> str:
    """The only form in which a code is stored."""
    salt = secrets.token_bytes(SALT_BYTES)
    key = _derive(code, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """A hash of a random code nobody knows, to spend the same time when there is nothing to check."""
    return hash_code(new_code())


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return None
        n_i, r_i, p_i = int(n), int(r), int(p)
        # Refuse parameters that would be weak or absurdly expensive.
        if not (2**12 <= n_i <= 2**20 and 1 <= r_i <= 32 and 1 <= p_i <= 16):
            return None
        return n_i, r_i, p_i, _unb64(salt), _unb64(key)
    except (ValueError, AttributeError):
        return None


def verify_code(code: str, stored: str | None) -> bool:
    """Whether `code` matches `stored`; always spends one scrypt, compares in constant time."""
    parsed = _parse(stored) if stored else None
    if parsed is None:
        hmac.compare_digest(_derive(code, *_dummy_params()), b"\0" * KEY_BYTES)
        return False
    n, r, p, salt, expected = parsed
    return hmac.compare_digest(_derive(code, salt, n, r, p), expected)


def _dummy_params() -> tuple[bytes, int, int, int]:
    n, r, p, salt, _ = _parse(dummy_hash())  # type: ignore[misc]
    return salt, n, r, p
