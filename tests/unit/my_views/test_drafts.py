"""The draft store and the download tokens: only this conversation, deleted at every end point."""
from __future__ import annotations

from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.my_views.drafts import DraftStore, ViewsDraftRow, erase_draft, normalise_conversation_id
from bot.my_views.links import TOKEN_CHARS, LinkSigner, document_urls
from bot.storage.base import Base
from bot.storage.engine import make_engine
from bot.storage.migrate import VERSION_TABLE, migrate
from tests.unit.my_views.testdata import HMAC_KEY

ANSWERS = {"going_well": {"text": "I like my school."}, "worries": {"skipped": True},
           "share": {"choice": "advocate"}}


@pytest.fixture()
def store(db_url, clock):
    instance = DraftStore(db_url, clock=clock, hmac_key=HMAC_KEY)
    yield instance
    instance.close()


def test_migration_creates_the_drafts_table_as_modelled(db_url) -> None:
    migrate(db_url)
    migrate(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE,
                                                                   "compare_type": True})
            assert ViewsDraftRow.__table__ in Base.metadata.sorted_tables
            assert compare_metadata(context, Base.metadata) == []
            assert context.get_current_revision() == "0002_views_drafts"
    finally:
        engine.dispose()


def test_save_get_and_set_answer_keep_their_words_exactly(store, conversation) -> None:
    words = "  I like my school,\nand my nan’s dog 🐶 — zażółć gęślą jaźń  "
    store.save(conversation, "pl", {"going_well": {"text": words}})
    store.set_answer(conversation, "pl", "wishes", {"text": "To stay at my school."})
    draft = store.get(conversation)
    assert draft.language == "pl"
    assert draft.entry("going_well") == {"text": words}
    assert draft.entry("wishes") == {"text": "To stay at my school."}
    assert draft.has_content


def test_only_known_parts_are_stored(store, conversation) -> None:
    with pytest.raises(ValueError):
        store.save(conversation, "en", {"address": {"text": "1 High Street"}})
    with pytest.raises(ValueError):
        store.set_answer(conversation, "en", "phone", {"text": "x"})


def test_drafts_are_per_conversation(store, conversation) -> None:
    store.save(conversation, "en", ANSWERS)
    assert store.get(conversation + "-other") is None
    assert store.delete(conversation + "-other") is False
    assert store.get(conversation) is not None


def test_delete_is_immediate_and_idempotent(store, conversation) -> None:
    store.save(conversation, "en", ANSWERS)
    assert store.delete(conversation) is True
    assert store.get(conversation) is None
    assert store.delete(conversation) is False


def test_a_draft_is_gone_after_24_hours_even_if_updated(store, clock, conversation) -> None:
    store.save(conversation, "en", ANSWERS)
    clock.advance(hours=23, minutes=59)
    store.set_answer(conversation, "en", "wishes", {"text": "More time with my dad."})
    assert store.get(conversation) is not None
    clock.advance(minutes=1)
    assert store.get(conversation) is None


def test_purge_expired_deletes_only_old_drafts(store, clock) -> None:
    store.save("old-1", "en", ANSWERS)
    store.save("old-2", "en", ANSWERS)
    clock.advance(hours=20)
    store.save("new", "en", ANSWERS)
    clock.advance(hours=4)
    assert store.purge_expired() == 2
    assert store.get("new") is not None
    assert store.purge_expired(older_than=timedelta(hours=1)) == 1
    assert store.purge_expired() == 0


def test_a_download_token_opens_only_its_own_draft(store, clock, conversation) -> None:
    store.save(conversation, "en", ANSWERS)
    store.save("someone-else", "en", {"going_well": {"text": "Not yours."}})
    token = store.download_token(conversation)
    assert len(token) == TOKEN_CHARS and conversation not in token
    assert store.get_by_token(token).entry("going_well") == {"text": "I like my school."}
    clock.advance(minutes=59)
    assert store.get_by_token(token) is not None
    clock.advance(minutes=1)
    assert store.get_by_token(token) is None  # the link lasts an hour


def test_a_token_stops_working_when_the_draft_is_deleted(store, conversation) -> None:
    store.save(conversation, "en", ANSWERS)
    token = store.download_token(conversation)
    store.delete(conversation)
    assert store.get_by_token(token) is None


def test_over_long_conversation_ids_are_hashed_like_the_case_layer(store) -> None:
    long_id = "x" * 400
    store.save(long_id, "en", ANSWERS)
    assert store.get(long_id) is not None
    assert normalise_conversation_id(long_id).startswith("sha256:")
    with pytest.raises(ValueError):
        normalise_conversation_id("  ")


def test_erase_draft_uses_the_deployment_database(tmp_path, monkeypatch, conversation) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    store = DraftStore(url)
    store.save(conversation, "en", ANSWERS)
    assert erase_draft(conversation) is True
    assert store.get(conversation) is None
    assert erase_draft(conversation) is False
    store.close()


# -- tokens -----------------------------------------------------------------------------------

def test_tokens_are_signed_bound_and_expire(clock) -> None:
    signer = LinkSigner(HMAC_KEY, clock=clock)
    token = signer.token_for("conv-a")
    assert signer.read(token) == signer.link_key("conv-a") != signer.link_key("conv-b")
    other_key = LinkSigner(b"another-server-secret-0123456789abcdef", clock=clock)
    assert other_key.read(token) is None
    flipped = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    assert signer.read(flipped) is None
    assert signer.read(token + "x") is None and signer.read("") is None and signer.read("!" * TOKEN_CHARS) is None
    clock.advance(hours=1)
    assert signer.read(token) is None


def test_document_urls_use_the_public_address(monkeypatch) -> None:
    monkeypatch.setenv("WEB_PUBLIC_URL", "https://help.example.gov.uk/")
    assert document_urls("TOKEN") == ("https://help.example.gov.uk/views/TOKEN.pdf",
                                      "https://help.example.gov.uk/views/TOKEN.html")
    monkeypatch.delenv("WEB_PUBLIC_URL")
    monkeypatch.setenv("WEB_HOST", "127.0.0.1")
    monkeypatch.setenv("WEB_PORT", "8123")
    assert document_urls("T")[0] == "http://127.0.0.1:8123/views/T.pdf"


def test_short_keys_are_refused() -> None:
    with pytest.raises(ValueError):
        LinkSigner(b"short")
