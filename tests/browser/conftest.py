"""Browser tests of the public chat page, run in Debian's chromium through Playwright.

They run against the real assistant that the session-scoped `stack` fixture (tests/conftest.py)
starts. Every page is watched: any request to a host other than 127.0.0.1/localhost is
stopped before it leaves the machine and fails the test, except the "Exit this page"
navigation, which is answered by a stand-in page from the test itself and which the exit
tests claim with `chat.requests.claim_exit()`.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = ROOT / "tests" / "output" / "screenshots"
DOC_SCREENSHOT_DIR = ROOT / "docs" / "screenshots"
EXIT_URL = "https://www.bbc.co.uk/weather"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
REPLY_TIMEOUT_MS = 30_000


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error"):
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


class RequestLog:
    """Every request the page made; the external ones never reached the network."""

    def __init__(self) -> None:
        self.local: list[str] = []
        self.external: list[str] = []
        self.pump: Callable[[float], None] = time.sleep  # replaced by the page's own wait
        self.page_errors: list[str] = []  # script errors and Content-Security-Policy refusals


    def record(self, url: str) -> None:
        (self.local if is_local(url) else self.external).append(url)

    def claim_exit(self, timeout_s: float = 10.0) -> str:
        """The (intercepted) navigation to the neutral exit site; removes it from the log."""
        end = time.monotonic() + timeout_s
        while time.monotonic() < end:
            for url in self.external:
                if url.rstrip("/") == EXIT_URL:
                    self.external.remove(url)
                    return url
            self.pump(0.05)  # lets Playwright deliver the page's events
        raise AssertionError(f"the page did not try to leave for {EXIT_URL}; external requests: {self.external}")


class ChatPage:
    """A thin helper around one Playwright page showing the chat."""

    def __init__(self, page, base_url: str, requests: RequestLog):
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.requests = requests

    # ---- navigation
    def open(self, lang: Optional[str] = None, path: str = "/") -> ChatPage:
        url = self.base_url + path + (f"?lang={lang}" if lang else "")
        self.page.goto(url)
        self.page.wait_for_function("() => window.cpcReady === true")
        return self

    def set_width(self, width: int, height: int = 800) -> None:
        self.page.set_viewport_size({"width": width, "height": height})

    # ---- conversation
    @property
    def textbox(self):
        return self.page.locator("#message")

    @property
    def secret_box(self):
        return self.page.locator("#secret")

    def bot_messages(self):
        return self.page.locator("#transcript .cpc-msg--bot:not(.cpc-msg--welcome)")

    def bot_count(self) -> int:
        return self.bot_messages().count()

    def wait_for_reply(self, before: int, timeout: int = REPLY_TIMEOUT_MS) -> list[str]:
        """Wait until at least one new bot message arrived and the page is idle; their texts."""
        self.page.wait_for_function(
            """(before) => {
                const t = document.getElementById('transcript');
                const n = t.querySelectorAll('.cpc-msg--bot:not(.cpc-msg--welcome)').length;
                return n > before && t.getAttribute('aria-busy') !== 'true';
            }""",
            arg=before,
            timeout=timeout,
        )
        return self.bot_messages().all_inner_texts()[before:]

    def ask(self, text: str) -> list[str]:
        before = self.bot_count()
        self.textbox.fill(text)
        self.page.locator("#send").click()
        return self.wait_for_reply(before)

    def session_id(self) -> Optional[str]:
        return self.page.evaluate("() => window.sessionStorage.getItem('cpc.session')")

    def quick_replies(self):
        return self.page.locator("#quick-replies button.cpc-quick-reply")

    # ---- small helpers for the tests
    def wait_until(self, predicate: Callable[[], bool], timeout_s: float = 15.0, interval_s: float = 0.25) -> bool:
        end = time.monotonic() + timeout_s
        while time.monotonic() < end:
            if predicate():
                return True
            self.page.wait_for_timeout(interval_s * 1000)
        return predicate()

    @staticmethod
    def mentions(texts: list[str], pattern: str) -> bool:
        return any(re.search(pattern, text, re.IGNORECASE) for text in texts)

    # ---- checks
    def axe(self, tags: list[str] = WCAG_TAGS) -> list[dict]:
        """Run axe-core (injected from node_modules) and return its violations."""
        if not self.page.evaluate("() => typeof window.axe === 'object'"):
            # evaluate() is not subject to the page's Content-Security-Policy.
            self.page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;true")
        result = self.page.evaluate(
            """async (tags) => {
                const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))}));
            }""",
            tags,
        )
        return result

    def screenshot(self, name: str, full_page: bool = False, doc: bool = False) -> Path:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        self.page.evaluate("() => document.activeElement && document.activeElement.blur()")
        self.page.screenshot(path=str(path), full_page=full_page, animations="disabled", caret="hide")
        if doc and os.environ.get("CPC_UPDATE_DOC_SCREENSHOTS") == "1":
            DOC_SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
            target = DOC_SCREENSHOT_DIR / f"{name}.png"
            shutil.copyfile(path, target)
            assert target.stat().st_size < 150 * 1024, f"{target} is larger than 150 KB"
        return path


def format_violations(violations: list[dict]) -> str:
    return json.dumps(violations, indent=2, ensure_ascii=False)


def _keep_on_this_machine(route) -> None:
    """Nothing reaches the network: the exit navigation gets a stand-in page, the rest is aborted."""
    request = route.request
    if request.is_navigation_request() and request.url.rstrip("/") == EXIT_URL:
        route.fulfill(status=200, content_type="text/html", body="<!DOCTYPE html><title>Exit stand-in</title>")
    else:
        route.abort("blockedbyclient")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def make_chat(browser, stack) -> Callable[..., ChatPage]:
    """Factory: a fresh browser context (own sessionStorage) per call, all requests watched."""
    contexts = []

    def factory(width: int = 1280, height: int = 900, **context_options) -> ChatPage:
        log = RequestLog()
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale="en-GB",
            service_workers="block",
            **context_options,
        )
        context.on("request", lambda request: log.record(request.url))
        context.route(lambda url: not is_local(url), _keep_on_this_machine)
        page = context.new_page()
        page.on("pageerror", lambda error: log.page_errors.append(str(error)))
        page.on(
            "console",
            lambda message: log.page_errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None,
        )
        page.set_default_timeout(REPLY_TIMEOUT_MS)
        log.pump = lambda seconds: page.wait_for_timeout(seconds * 1000)
        contexts.append((context, log))
        return ChatPage(page, stack.web_url, log)

    yield factory
    leaked, errors = [], []
    for context, log in contexts:
        context.close()
        leaked.extend(log.external)
        errors.extend(log.page_errors)
    assert not leaked, f"requests tried to leave localhost: {leaked}"
    assert not errors, f"the page reported errors: {errors}"


@pytest.fixture
def chat(make_chat) -> ChatPage:
    return make_chat()
