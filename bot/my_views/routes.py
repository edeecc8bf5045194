"""Download routes for a young person's views document, added to the web process.

    GET /views/{token}.pdf     the document as PDF (downloads)
    GET /views/{token}.html    the same as an accessible web page (no scripts)
    GET /views/document.css    the web page's stylesheet (the site's CSP forbids inline styles)

The document is rendered from the draft on every request and never stored. A token that is
malformed, altered, expired, or whose draft is gone gets 404. Nothing here is cached or
logged beyond the request line.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Optional

from aiohttp import web

from bot.my_views.document import STYLESHEET, build_document, render_html, render_pdf
from bot.my_views.drafts import Draft, DraftStore
from bot.my_views.links import TOKEN_CHARS

log = logging.getLogger(__name__)

TOKEN_PATTERN = f"[A-Za-z0-9_-]{{{TOKEN_CHARS}}}"
NO_STORE = {"Cache-Control": "no-store, max-age=0", "Pragma": "no-cache", "X-Robots-Tag": "noindex, nofollow"}
PDF_FILENAME = "my-views.pdf"
K_VIEWS: web.AppKey[ViewsDocuments] = web.AppKey("views_documents")


class ViewsDocuments:
    """The draft store, opened on first use (so the web process starts without the database)."""

    def __init__(self, store_factory: Callable[[], DraftStore]) -> None:
        self._factory = store_factory
        self._store: Optional[DraftStore] = None

    @property
    def store(self) -> DraftStore:
        if self._store is None:
            self._store = self._factory()
        return self._store

    def draft(self, token: str) -> Optional[Draft]:
        return self.store.get_by_token(token)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def _not_found() -> web.Response:
    return web.Response(status=404, text="This link does not work. It may have expired.", headers=NO_STORE)


async def _render(request: web.Request, kind: str) -> web.Response:
    request["no_store"] = True  # the site's security headers also say no-store
    documents: ViewsDocuments = request.app[K_VIEWS]
    token = request.match_info["token"]

    def work() -> Optional[bytes]:
        draft = documents.draft(token)
        if draft is None or not draft.has_content:
            return None
        doc = build_document(draft.answers, draft.language)
        return render_pdf(doc) if kind == "pdf" else render_html(doc).encode("utf-8")

    try:
        body = await asyncio.get_running_loop().run_in_executor(None, work)
    except Exception:  # noqa: BLE001 - never show details (or their words) to the page
        log.exception("Could not render a views document")
        return web.Response(status=500, text="Sorry, the document could not be made just now.", headers=NO_STORE)
    if body is None:
        return _not_found()
    if kind == "pdf":
        headers = {**NO_STORE, "Content-Disposition": f'attachment; filename="{PDF_FILENAME}"'}
        return web.Response(body=body, content_type="application/pdf", headers=headers)
    return web.Response(body=body, content_type="text/html", charset="utf-8", headers=dict(NO_STORE))


async def views_pdf(request: web.Request) -> web.Response:
    return await _render(request, "pdf")


async def views_html(request: web.Request) -> web.Response:
    return await _render(request, "html")


async def views_css(request: web.Request) -> web.Response:
    return web.Response(text=STYLESHEET, content_type="text/css", charset="utf-8",
                        headers={"Cache-Control": "public, max-age=3600"})


def add_views_routes(app: web.Application, store_factory: Optional[Callable[[], DraftStore]] = None) -> None:
    """Add the document routes to the web process's application (call before it starts)."""
    documents = ViewsDocuments(store_factory or DraftStore.from_settings)
    app[K_VIEWS] = documents

    async def _close(_app: web.Application) -> None:
        documents.close()

    app.on_cleanup.append(_close)  # type: ignore[arg-type]  # aiosignal's stubs
    app.router.add_get("/views/document.css", views_css)
    app.router.add_get(f"/views/{{token:{TOKEN_PATTERN}}}.pdf", views_pdf)
    app.router.add_get(f"/views/{{token:{TOKEN_PATTERN}}}.html", views_html)
