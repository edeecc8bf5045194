"""Case data for the assistant: conferences, invitees, reports, access codes and lockouts.

The bot uses `CaseService`; council staff use the admin CLI (`python -m bot cases`).
See docs/case-data.md.
"""
from bot.cases.service import CaseService, SessionStatus, SubmittedReceipt, VerifyOutcome
from bot.cases.visibility import ConferenceView, InviteeView, ReportView, TimescalesView
from bot.profile import Retention, Timescales
from bot.storage.migrate import migrate

__all__ = [
    "CaseService",
    "ConferenceView",
    "InviteeView",
    "ReportView",
    "Retention",
    "SessionStatus",
    "SubmittedReceipt",
    "Timescales",
    "TimescalesView",
    "VerifyOutcome",
    "migrate",
]
