"""Reference matching and the keyed reference hash used in audit rows and lockouts."""
import stat

import pytest

from bot.cases.refs import ReferenceHasher, reference_key
from bot.server_key import KEY_ENV, load_hmac_key


def test_reference_key_ignores_case_and_punctuation():
    assert reference_key("cpc demo 0001") == reference_key("CPC-DEMO-0001") == "CPCDEMO0001"
    assert reference_key(" CPC/DEMO/0001. ") == "CPCDEMO0001"


def test_hash_is_keyed_and_stable():
    one, two = ReferenceHasher(b"a" * 32), ReferenceHasher(b"b" * 32)
    assert one("CPC-DEMO-0001") == one("cpc demo 0001")
    assert one("CPC-DEMO-0001") != two("CPC-DEMO-0001")
    assert len(one("x")) == 64 and "DEMO" not in one("CPC-DEMO-0001")


def test_key_file_is_created_once_owner_only(tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    key = load_hmac_key(tmp_path)
    path = tmp_path / "cases_hmac.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_hmac_key(tmp_path) == key and len(key) >= 32


def test_environment_key_wins_and_must_be_long(tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, "k" * 40)
    assert load_hmac_key(tmp_path) == b"k" * 40
    assert not (tmp_path / "cases_hmac.key").exists()
    monkeypatch.setenv(KEY_ENV, "short")
    with pytest.raises(ValueError):
        load_hmac_key(tmp_path)
