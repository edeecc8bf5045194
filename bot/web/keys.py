"""The web application's shared objects, by key (aiohttp's typed AppKey)."""
from __future__ import annotations

import aiohttp
import jinja2
from aiohttp import web

from bot.profile import CouncilProfile
from bot.settings import Settings
from bot.web.sessions import SessionRegistry

K_SETTINGS = web.AppKey("settings", Settings)
K_PROFILE = web.AppKey("profile", CouncilProfile)
K_SESSIONS = web.AppKey("sessions", SessionRegistry)
K_CLIENT = web.AppKey("client", aiohttp.ClientSession)
K_JINJA = web.AppKey("jinja", jinja2.Environment)
K_CSP = web.AppKey("csp", str)
