"""One CaseService per action-server process: it holds only a connection pool.

Everything about a conversation's verification lives in the case database, so several
action servers can share it.
"""
from __future__ import annotations

from functools import lru_cache

from bot.cases.service import CaseService
from bot.profile import load_profile
from bot.settings import load_settings


@lru_cache(maxsize=1)
def case_service() -> CaseService:
    return CaseService(load_settings().database_url, dict(load_profile().timescales))
