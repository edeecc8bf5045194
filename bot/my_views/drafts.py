"""The draft store: a young person's answers while they write their views.

One row per conversation in the case database (`views_drafts`, created by the migration
0002_views_drafts). Only this conversation can reach it: by its id (the actions) or by a
signed download token for it (the web process, see bot/my_views/links.py).

A draft lives for the conversation only. It is deleted when they stop, when they say they
have finished, when the conversation is erased (`delete`, called by
bot.privacy.erase.erase_conversation), and at the latest DRAFT_LIFETIME (24 hours) after it
was started: `get` never returns an older draft, and `purge_expired` removes them all (run it
with the retention job).
"""
from __future__ import annotations

import copy
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Optional

from sqlalchemy import JSON, Column, Integer, String, delete, select
from sqlalchemy.orm import Session

from bot.my_views import DRAFT_LIFETIME, PARTS, Entry, has_content
from bot.my_views.links import LinkSigner
from bot.storage.base import Base, UTCDateTime
from bot.storage.client import DatabaseClient
from bot.storage.engine import transaction
from bot.timeutil import Clock, utcnow

MAX_CONVERSATION_ID = 255


class ViewsDraftRow(Base):
    """One conversation's unsent views. `answers` holds their own words (see bot.my_views)."""

    __tablename__ = "views_drafts"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, unique=True)
    #: HMAC of the conversation id: what a download token names (never the id itself).
    link_key = Column(String(64), nullable=False, unique=True)
    language = Column(String(16), nullable=False)
    answers = Column(JSON, nullable=False)
    created_at = Column(UTCDateTime(), nullable=False, index=True)
    updated_at = Column(UTCDateTime(), nullable=False)


@dataclass(frozen=True)
class Draft:
    conversation_id: str
    language: str
    answers: Mapping[str, Entry] = field(default_factory=dict)
    created_at: Optional[datetime] = None
    updated_at: Optional[datetime] = None

    def entry(self, part: str) -> Optional[Entry]:
        return self.answers.get(part)

    @property
    def has_content(self) -> bool:
        return has_content(self.answers)


def normalise_conversation_id(conversation_id: str) -> str:
    """As the case layer stores them: as given, or the SHA-256 of an over-long id."""
    value = str(conversation_id or "").strip()
    if not value:
        raise ValueError("a conversation id is required")
    if len(value) > MAX_CONVERSATION_ID:
        return "sha256:" + hashlib.sha256(value.encode("utf-8")).hexdigest()
    return value


def _clean_answers(answers: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    cleaned: dict[str, dict[str, Any]] = {}
    for part, entry in (answers or {}).items():
        if part not in PARTS or not isinstance(entry, Mapping):
            raise ValueError(f"not a views answer: {part!r}")
        cleaned[part] = dict(entry)
    return cleaned


class DraftStore(DatabaseClient):
    """Drafts in the case database. Thread-safe: every call uses its own DB session."""

    def __init__(self, database_url: str, clock: Clock = utcnow, *, hmac_key: Optional[bytes] = None,
                 lifetime: timedelta = DRAFT_LIFETIME, migrate: bool = True) -> None:
        super().__init__(database_url, clock, migrate)
        self.lifetime = lifetime
        self.links = LinkSigner(hmac_key, clock=clock)

    @classmethod
    def from_settings(cls) -> DraftStore:
        from bot.settings import load_settings

        return cls(load_settings().database_url)

    def _expired(self, row: ViewsDraftRow, now: datetime) -> bool:
        return row.created_at <= now - self.lifetime

    @staticmethod
    def _draft(row: ViewsDraftRow) -> Draft:
        return Draft(conversation_id=row.conversation_id, language=row.language,
                     answers=copy.deepcopy(dict(row.answers or {})), created_at=row.created_at,
                     updated_at=row.updated_at)

    def _row(self, session: Session, conversation_id: str) -> Optional[ViewsDraftRow]:
        return session.execute(
            select(ViewsDraftRow).where(ViewsDraftRow.conversation_id == conversation_id)
        ).scalar_one_or_none()

    def _live_row(self, session: Session, conversation_id: str, now: datetime) -> Optional[ViewsDraftRow]:
        row = self._row(session, conversation_id)
        if row is not None and self._expired(row, now):
            session.delete(row)
            session.flush()
            return None
        return row

    # -- writing -----------------------------------------------------------------------------

    def save(self, conversation_id: str, language: str, answers: Mapping[str, Entry]) -> Draft:
        """Replace this conversation's answers (a new draft if there is none, or it expired)."""
        conversation_id = normalise_conversation_id(conversation_id)
        cleaned = _clean_answers(answers)
        now = self._now()
        with transaction(self._sessions) as session:
            row = self._live_row(session, conversation_id, now)
            if row is None:
                row = ViewsDraftRow(conversation_id=conversation_id, link_key=self.links.link_key(conversation_id),
                                    language=(language or "en")[:16], answers=cleaned, created_at=now,
                                    updated_at=now)
                session.add(row)
            else:
                row.language = (language or row.language)[:16]
                row.answers = cleaned
                row.updated_at = now
            session.flush()
            return self._draft(row)

    def set_answer(self, conversation_id: str, language: str, part: str, entry: Entry) -> Draft:
        """Record one answer, keeping the others."""
        if part not in PARTS:
            raise ValueError(f"not a views question: {part!r}")
        current = self.get(conversation_id)
        answers = dict(current.answers) if current else {}
        answers[part] = dict(entry)
        return self.save(conversation_id, language, answers)

    def delete(self, conversation_id: str) -> bool:
        """Delete this conversation's draft now. True if there was one."""
        conversation_id = normalise_conversation_id(conversation_id)
        with transaction(self._sessions) as session:
            result = session.execute(delete(ViewsDraftRow).where(ViewsDraftRow.conversation_id == conversation_id))
            return bool(result.rowcount)

    def purge_expired(self, older_than: timedelta = DRAFT_LIFETIME) -> int:
        """Delete every draft started more than `older_than` ago; return how many."""
        cutoff = self._now() - older_than
        with transaction(self._sessions) as session:
            result = session.execute(delete(ViewsDraftRow).where(ViewsDraftRow.created_at <= cutoff))
            return int(result.rowcount or 0)

    # -- reading -----------------------------------------------------------------------------

    def get(self, conversation_id: str) -> Optional[Draft]:
        """This conversation's draft, or None (an expired one is deleted on the way)."""
        conversation_id = normalise_conversation_id(conversation_id)
        with transaction(self._sessions) as session:
            row = self._live_row(session, conversation_id, self._now())
            return self._draft(row) if row is not None else None

    def download_token(self, conversation_id: str) -> str:
        """A short-lived token for this conversation's document links."""
        return self.links.token_for(normalise_conversation_id(conversation_id))

    def get_by_token(self, token: str) -> Optional[Draft]:
        """The draft a download token was made for, while both are still valid."""
        link_key = self.links.read(token)
        if link_key is None:
            return None
        now = self._now()
        with transaction(self._sessions) as session:
            row = session.execute(
                select(ViewsDraftRow).where(ViewsDraftRow.link_key == link_key)
            ).scalar_one_or_none()
            if row is None:
                return None
            if self._expired(row, now):
                session.delete(row)
                return None
            return self._draft(row)


def erase_draft(conversation_id: str) -> bool:
    """For bot.privacy.erase: delete a conversation's draft with the deployment's settings."""
    store = DraftStore.from_settings()
    try:
        return store.delete(conversation_id)
    finally:
        store.close()
