"""Access codes: randomness, normalisation, scrypt hashing and constant-time checks."""
import base64
import hashlib
import hmac
import re

from bot.cases import codes

CODE_PATTERN = re.compile(r"^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}-"
                          r"[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}$")


def test_new_codes_are_random_and_at_least_40_bits():
    made = {codes.new_code() for _ in range(300)}
    assert len(made) == 300
    assert all(CODE_PATTERN.match(code) for code in made)
    assert codes.CODE_BITS >= 40
    assert len(codes.ALPHABET) ** (codes.GROUPS * codes.GROUP_LENGTH) >= 2 ** 60


def test_normalisation_ignores_case_spaces_dashes_and_lookalikes():
    assert codes.normalise_code("maple 3141") == codes.normalise_code("MAPLE-3141")
    assert codes.normalise_code(" Ma-Ple–3141 ") == codes.normalise_code("MAPLE3141")
    assert codes.normalise_code("WILLOW-1618") == codes.normalise_code("w1ll0w 1618")


def test_hash_is_self_describing_scrypt_with_random_salt():
    first, second = codes.hash_code("MAPLE-3141"), codes.hash_code("MAPLE-3141")
    assert first != second  # a fresh salt every time
    scheme, n, r, p, salt, key = first.split("$")
    assert (scheme, n, r, p) == ("scrypt", str(2 ** 14), "8", "1")
    assert len(base64.urlsafe_b64decode(salt + "==")) == 16
    assert len(base64.urlsafe_b64decode(key + "==")) == 32
    for stored in (first, second):
        assert "MAPLE" not in stored.upper() and "3141" not in stored


def test_verify_accepts_the_code_however_typed_and_rejects_others():
    stored = codes.hash_code("MAPLE-3141")
    assert codes.verify_code("MAPLE-3141", stored)
    assert codes.verify_code("maple 3141", stored)
    assert not codes.verify_code("MAPLE-3142", stored)
    assert not codes.verify_code("", stored)


def test_verify_never_raises_on_bad_stored_values():
    for stored in (None, "", "plain", "bcrypt$1$2$3$4$5", "scrypt$2$8$1$AAAA$AAAA", "scrypt$x$8$1$AAAA$AAAA"):
        assert codes.verify_code("MAPLE-3141", stored) is False


def test_uses_scrypt_parameters_and_constant_time_comparison(monkeypatch):
    scrypt_calls, compare_calls = [], []
    real_scrypt, real_compare = hashlib.scrypt, hmac.compare_digest

    def spy_scrypt(password, **kwargs):
        scrypt_calls.append(kwargs)
        return real_scrypt(password, **kwargs)

    def spy_compare(a, b):
        compare_calls.append((a, b))
        return real_compare(a, b)

    monkeypatch.setattr(codes.hashlib, "scrypt", spy_scrypt)
    monkeypatch.setattr(codes.hmac, "compare_digest", spy_compare)
    stored = codes.hash_code("CEDAR-2718")
    assert codes.verify_code("CEDAR-2718", stored)
    assert not codes.verify_code("CEDAR-0000", stored)
    assert all(c["n"] == 2 ** 14 and c["r"] == 8 and c["p"] == 1 and len(c["salt"]) == 16 for c in scrypt_calls)
    assert len(compare_calls) == 2
    assert all(len(a) == len(b) == 32 for a, b in compare_calls)


def test_no_match_still_spends_one_scrypt(monkeypatch):
    codes.dummy_hash()  # made once per process, outside the count
    calls = []
    real_scrypt = hashlib.scrypt
    monkeypatch.setattr(codes.hashlib, "scrypt", lambda pw, **kw: calls.append(1) or real_scrypt(pw, **kw))
    assert codes.verify_code("ANY", None) is False
    assert len(calls) == 1
