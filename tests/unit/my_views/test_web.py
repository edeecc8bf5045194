"""The download routes: rendered on demand from the draft, no-store, 404 for anything not valid."""
from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from pypdf import PdfReader

from bot.my_views.document import normalised
from bot.my_views.drafts import DraftStore
from bot.my_views.routes import add_views_routes
from tests.unit.my_views.testdata import HMAC_KEY

WORDS = "I like my school and my football club."


@pytest.fixture()
def store(tmp_path, clock):
    instance = DraftStore(f"sqlite:///{tmp_path / 'cases.db'}", clock=clock, hmac_key=HMAC_KEY)
    yield instance
    instance.close()


def with_client(store: DraftStore, check: Callable[[TestClient], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        app = web.Application()
        add_views_routes(app, store_factory=lambda: store)
        client = TestClient(TestServer(app))
        await client.start_server()
        try:
            return await check(client)
        finally:
            await client.close()

    return asyncio.run(main())


def test_pdf_downloads_with_their_words_and_no_store(store, conversation) -> None:
    store.save(conversation, "en", {"going_well": {"text": WORDS}, "first_name": {"text": "Jordan"}})
    token = store.download_token(conversation)

    async def check(client: TestClient):
        response = await client.get(f"/views/{token}.pdf")
        return response.status, dict(response.headers), await response.read()

    status, headers, body = with_client(store, check)
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == 'attachment; filename="my-views.pdf"'
    assert "no-store" in headers["Cache-Control"]
    text = normalised(PdfReader(io.BytesIO(body)).pages[0].extract_text())
    assert WORDS in text and text.startswith("Jordan: my views")


def test_html_version_is_accessible_and_uses_the_stylesheet_route(store, conversation) -> None:
    store.save(conversation, "pl", {"going_well": {"text": WORDS}})
    token = store.download_token(conversation)

    async def check(client: TestClient):
        page = await client.get(f"/views/{token}.html")
        css = await client.get("/views/document.css")
        return page.status, page.headers, await page.text(), css.status, css.headers["Content-Type"]

    status, headers, html, css_status, css_type = with_client(store, check)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "no-store" in headers["Cache-Control"]
    assert '<html lang="pl" dir="ltr">' in html and WORDS in html and "<script" not in html
    assert '<link rel="stylesheet" href="/views/document.css">' in html
    assert css_status == 200 and css_type.startswith("text/css")


def test_bad_expired_or_deleted_links_get_404(store, clock, conversation) -> None:
    store.save(conversation, "en", {"going_well": {"text": WORDS}})
    token = store.download_token(conversation)
    other = store.download_token("another-conversation")  # no draft there
    tampered = token[:5] + ("x" if token[5] != "x" else "y") + token[6:]

    async def check(client: TestClient):
        statuses = {}
        for name, path in (("other", f"/views/{other}.pdf"), ("tampered", f"/views/{tampered}.pdf"),
                           ("short", "/views/abc.pdf"), ("unknown", f"/views/{token}.txt")):
            statuses[name] = (await client.get(path)).status
        clock.advance(hours=1)
        statuses["expired"] = (await client.get(f"/views/{token}.pdf")).status
        return statuses

    assert with_client(store, check) == {"other": 404, "tampered": 404, "short": 404, "unknown": 404,
                                         "expired": 404}


def test_links_die_with_the_draft(store, conversation) -> None:
    store.save(conversation, "en", {"going_well": {"text": WORDS}})
    token = store.download_token(conversation)

    async def check(client: TestClient):
        before = (await client.get(f"/views/{token}.html")).status
        store.delete(conversation)
        after = await client.get(f"/views/{token}.html")
        return before, after.status, after.headers.get("Cache-Control", "")

    before, after, cache = with_client(store, check)
    assert (before, after) == (200, 404) and "no-store" in cache


def test_a_draft_with_nothing_in_it_has_no_document(store, conversation) -> None:
    store.save(conversation, "en", {"going_well": {"skipped": True}})
    token = store.download_token(conversation)

    async def check(client: TestClient):
        return (await client.get(f"/views/{token}.pdf")).status

    assert with_client(store, check) == 404
