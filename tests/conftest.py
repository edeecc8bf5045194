"""Test-wide fixtures. The assistant runs on test ports with a throwaway data folder."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

_VAR = Path(tempfile.mkdtemp(prefix="cpc-test-var-"))
os.environ["CPC_VAR_DIR"] = str(_VAR)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
from tests.support.stack import TEST_PORTS  # noqa: E402  (after CPC_VAR_DIR is set)

os.environ.update(TEST_PORTS)
os.environ["DATABASE_URL"] = f"sqlite:///{_VAR / 'cases.db'}"
os.environ["TRACKER_DB_URL"] = f"sqlite:///{_VAR / 'conversations.db'}"


@pytest.fixture(scope="session")
def stack() -> Iterator["Stack"]:
    """Every service of the assistant, started once for the whole test session."""
    from bot.ops.services import build_supervisor
    from bot.settings import load_settings
    from tests.support.stack import Stack, model_for_tests, prepare_case_database

    supervisor, settings = build_supervisor(load_settings(), model_for_tests(), _VAR)
    prepare_case_database(supervisor.env)
    try:
        supervisor.start_all()
        yield Stack(settings, supervisor)
    finally:
        supervisor.stop_all()
