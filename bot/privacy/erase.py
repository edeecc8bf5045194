"""Erase a conversation everywhere it is kept: on Exit this page, Clear, and by retention."""
from __future__ import annotations

import time

import sqlalchemy as sa

from bot.settings import load_settings
from bot.storage.engine import make_engine

_EVENTS = sa.table("events", sa.column("sender_id"), sa.column("timestamp"))
#: The retention purge is a batch job: its statements may take longer than one turn's.
PURGE_TIMEOUT_SECONDS = 300.0


def _tracker_engine(timeout: float | None = None) -> sa.engine.Engine:
    """The conversations database, every call bounded in time (DB_TIMEOUT_SECONDS by default)."""
    return make_engine(load_settings().tracker_db_url, timeout)


def _forget_case_session(sender_id: str) -> None:
    """Drop the conversation's case verification."""
    from bot.cases.service import CaseService
    from bot.profile import load_profile

    service = CaseService(load_settings().database_url, dict(load_profile().timescales), migrate=False)
    try:
        service.forget(sender_id)
    finally:
        service.close()


def erase_conversation(sender_id: str) -> None:
    """Delete every stored event of one conversation, its verification and any views draft."""
    from bot.my_views.drafts import erase_draft

    engine = _tracker_engine()
    with engine.begin() as connection:
        if sa.inspect(connection).has_table("events"):
            connection.execute(sa.delete(_EVENTS).where(_EVENTS.c.sender_id == sender_id))
    engine.dispose()
    _forget_case_session(sender_id)
    erase_draft(sender_id)


def purge_idle_conversations(days: int, now: float | None = None) -> int:
    """Delete conversations with no event for `days` days; return how many."""
    cutoff = (now or time.time()) - days * 86400
    engine = _tracker_engine(PURGE_TIMEOUT_SECONDS)
    with engine.begin() as connection:
        if not sa.inspect(connection).has_table("events"):
            return 0
        last_seen = sa.func.max(_EVENTS.c.timestamp)
        idle = [
            row.sender_id
            for row in connection.execute(
                sa.select(_EVENTS.c.sender_id).group_by(_EVENTS.c.sender_id).having(last_seen < cutoff)
            )
        ]
        if idle:
            connection.execute(sa.delete(_EVENTS).where(_EVENTS.c.sender_id.in_(idle)))
    engine.dispose()
    return len(idle)
