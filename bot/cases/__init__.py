"""Case data for the assistant: conferences, invitees, reports, access codes and lockouts.

The bot uses `CaseService`; council staff use the admin CLI (`python -m bot.cases`).
See docs/case-data.md.
"""
from bot.cases.migrate import migrate
from bot.cases.service import CaseService, SessionStatus, SubmittedReceipt, VerifyOutcome
from bot.cases.timescales import Retention, Timescales
from bot.cases.views import ConferenceView, InviteeView, ReportView, TimescalesView

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
