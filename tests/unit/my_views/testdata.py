"""Constants shared by the young person's path tests."""
from __future__ import annotations

from datetime import datetime, timezone

HMAC_KEY = b"views-tests-hmac-key-0123456789abcdef"
START = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
