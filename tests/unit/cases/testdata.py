"""Constants shared by the case-data tests."""
from __future__ import annotations

from datetime import datetime, timezone

HMAC_KEY = b"test-only-hmac-key-0123456789abcdef0123"
#: The values the tests rely on, passed as a plain dict like the profile's `timescales:`.
TIMESCALES = {
    "reports_initial_working_days": 2,
    "reports_review_working_days": 3,
    "first_core_group_working_days": 10,
    "first_review_months": 3,
    "later_review_months": 6,
    "record_working_days": 20,
    "code_valid_days_after_conference": 30,
}
DEMO_CODES = {
    ("CPC-DEMO-0001", "Alex"): "MAPLE-3141",
    ("CPC-DEMO-0001", "Sam"): "CEDAR-2718",
    ("CPC-DEMO-0001", "Jordan"): "WILLOW-1618",
    ("CPC-DEMO-0002", "Robin"): "ASPEN-1414",
    ("CPC-DEMO-0003", "Kit"): "ROWAN-2024",
}
#: The day before the first demo conference: every demo code is live.
DEMO_NOW = datetime(2027, 1, 13, 12, 0, tzinfo=timezone.utc)

