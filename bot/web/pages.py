"""The chat page and the privacy notice, rendered in the page's language (no script needed to read them)."""
from __future__ import annotations

import json
import re
from typing import Optional

from aiohttp import web
from markupsafe import Markup, escape

from bot.i18n import LANGUAGES, normalise_language
from bot.web.keys import K_JINJA, K_PROFILE
from bot.web.strings import MAX_MESSAGE_CHARS, STARTERS, language_payload, retention_period

EXIT_URL = "https://www.bbc.co.uk/weather"


def tel_href(number: str) -> str:
    """'0808 800 5000' -> 'tel:08088005000'."""
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def link(href: str, label: str, extra_class: str = "") -> Markup:
    cls = "govuk-link" + (f" {extra_class}" if extra_class else "")
    if href.startswith("tel:"):  # a phone number keeps its left-to-right order in Arabic and Urdu
        return Markup('<a class="{}" href="{}" dir="ltr">{}</a>').format(cls, href, label)
    return Markup('<a class="{}" href="{}">{}</a>').format(cls, href, label)


def fill(text: str, links: Optional[dict] = None, plain: Optional[dict] = None) -> Markup:
    """Escape a translated string and put links/values into its {placeholders}."""
    links = links or {}
    plain = plain or {}
    out = []
    for part in re.split(r"(\{[a-z_]+\})", text):
        name = part[1:-1] if part.startswith("{") and part.endswith("}") else None
        if name in links:
            out.append(link(links[name][0], links[name][1], "cpc-nowrap"))
        elif name in plain:
            out.append(escape(plain[name]))
        else:
            out.append(escape(part))
    return Markup("").join(out)


def page_context(request: web.Request, lang: str) -> dict:
    profile = request.app[K_PROFILE]
    payload = language_payload(lang)
    t = payload["strings"]
    council_name = profile.council_name or t["your_council"]
    safety_links = {
        "emergency": [tel_href(profile.helplines.emergency), profile.helplines.emergency],
        "childline": [tel_href(profile.helplines.childline), profile.helplines.childline],
        "nspcc": [tel_href(profile.helplines.nspcc), profile.helplines.nspcc],
    }
    privacy_args = {
        "council_name": council_name,
        "period": retention_period(profile.retention.conversation_days, payload["lang"]),
    }
    data_block = dict(payload, council_name=council_name, args=privacy_args)
    strings_json = (
        json.dumps(data_block, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    return {
        "strings_json": Markup(strings_json),
        "lang": payload["lang"],
        "dir": payload["dir"],
        "t": t,
        "council_name": council_name,
        "council_name_is_default": profile.council_name is None,
        "languages": list(LANGUAGES.values()),
        "exit_url": EXIT_URL,
        "safety_links": safety_links,
        "safety_links_json": json.dumps(safety_links, ensure_ascii=False),
        "fill": fill,
        "starters": STARTERS,
        "max_chars": MAX_MESSAGE_CHARS,
        "retention_days": profile.retention.conversation_days,
        "privacy_args": privacy_args,
        "privacy_args_json": json.dumps(privacy_args, ensure_ascii=False),
    }


def render(request: web.Request, template: str, lang: str) -> web.Response:
    env = request.app[K_JINJA]
    html = env.get_template(template).render(**page_context(request, lang))
    request["no_store"] = True
    return web.Response(text=html, content_type="text/html", charset="utf-8")


async def index(request: web.Request) -> web.Response:
    return render(request, "index.html", normalise_language(request.query.get("lang")))


async def privacy(request: web.Request) -> web.Response:
    return render(request, "privacy.html", normalise_language(request.query.get("lang")))
