"""The web process's HTTP side: headers, health, input checks and the relay contract."""
from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def api(chat):
    chat.open()
    return chat.page.request


def test_security_headers(chat, stack):
    response = chat.page.goto(stack.web_url + "/")
    headers = response.headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    assert "set-cookie" not in headers
    api = chat.page.request.get(stack.web_url + "/api/strings?lang=pl")
    assert api.headers["cache-control"] == "no-store"
    assert api.json()["lang"] == "pl"


def test_page_loads_nothing_from_elsewhere(chat):
    chat.open()
    assert chat.requests.local and not chat.requests.external
    fonts = chat.page.evaluate(
        "() => Array.from(document.fonts).filter(f => f.status !== 'unloaded').map(f => f.family)")
    assert not any("GDS Transport" in family for family in fonts)
    assert "crown" not in chat.page.content().lower()


def test_assets_are_local_and_gds_fonts_are_not_served(chat, stack):
    get = chat.page.request.get
    css = get(stack.web_url + "/assets/govuk-frontend.min.css")
    assert css.status == 200 and "text/css" in css.headers["content-type"]
    js = get(stack.web_url + "/assets/govuk-frontend.min.js")
    assert js.status == 200 and "javascript" in js.headers["content-type"]
    assert get(stack.web_url + "/assets/fonts/light-94a07e06a1-v2.woff2").status == 404


def test_health_endpoint(chat, stack):
    response = chat.page.request.get(stack.web_url + "/healthz")
    assert response.status == 200
    assert response.json() == {"web": "ok", "rasa": "ok", "actions": "ok", "nlg": "ok", "case_database": "ok",
                               "conversations_database": "ok"}


def test_message_validation(api, stack):
    url = stack.web_url + "/api/message"
    session = api.post(stack.web_url + "/api/session").json()["session"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}\.[0-9a-f]{32}", session)  # random part + signature

    def post(data):
        return api.post(url, data=data, headers={"Content-Type": "application/json"})

    not_object = post('["hello"]')
    assert not_object.status == 400 and not_object.json()["error"]
    assert post(json.dumps({"session": session, "text": "   "})).status == 400
    assert post(json.dumps({"session": session, "text": 42})).status == 400
    too_long = post(json.dumps({"session": session, "text": "a" * 2001}))
    assert too_long.status == 413 and "2000" in too_long.json()["error"].replace(",", "")
    unknown = post('{"session": "not-one-we-issued", "text": "hello"}')
    assert unknown.status == 403 and unknown.json()["code"] == "unknown_session"

    ok = post(json.dumps({"session": session, "text": "can I bring a friend", "language": "pl-PL"}))
    assert ok.status == 200
    replies = ok.json()
    assert isinstance(replies, list) and replies
    assert all(reply.get("recipient_id", session) == session for reply in replies)
    assert "no-store" in ok.headers["cache-control"]


def test_end_deletes_the_conversation(api, stack):
    session = api.post(stack.web_url + "/api/session").json()["session"]
    api.post(
        stack.web_url + "/api/message",
        data=json.dumps({"session": session, "text": "hello"}),
        headers={"Content-Type": "application/json"},
    )
    assert stack.tracker_events(session)
    ended = api.post(stack.web_url + "/api/end", data=json.dumps({"session": session}),
                     headers={"Content-Type": "text/plain"})
    assert ended.status == 204
    assert not stack.tracker_events(session)
    # Ids are signed, not remembered: a replayed id starts an empty conversation, never the old one.
    again = api.post(
        stack.web_url + "/api/message",
        data=json.dumps({"session": session, "text": "what is a core group"}),
        headers={"Content-Type": "application/json"},
    )
    assert again.status == 200
    assert [e["text"] for e in stack.tracker_events(session) if e["event"] == "user"] == ["what is a core group"]
