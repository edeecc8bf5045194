"""WCAG 2.2 AA with axe-core, keyboard-only use, reflow, text spacing and forced colours."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

QUESTIONS = {"en": "can I bring a friend", "ar": "هل يمكنني إحضار صديق؟"}

TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


def _apply_css(page, css: str) -> None:
    # A constructed style sheet: allowed by the page's CSP, unlike an injected <style>.
    page.evaluate(
        """(css) => { const s = new CSSStyleSheet(); s.replaceSync(css);
                      document.adoptedStyleSheets = [...document.adoptedStyleSheets, s]; }""",
        css,
    )


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"
    )


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_axe_finds_no_wcag_violations(make_chat, lang, width):
    chat = make_chat(width=width)
    chat.open(lang=lang)
    violations = chat.axe()
    assert violations == [], chat_format(violations)
    # And with a conversation on the screen, including the assistant's quick replies.
    chat.ask(QUESTIONS[lang])
    chat.ask("menu")
    violations = chat.axe()
    assert violations == [], chat_format(violations)
    assert _no_horizontal_scroll(chat.page)


def test_axe_complains_when_a_label_is_removed(chat):
    chat.open()
    chat.page.evaluate("() => document.querySelector('label[for=message]').remove()")
    ids = {v["id"] for v in chat.axe()}
    assert "label" in ids, ids


def test_keyboard_only_order_and_use(chat):
    chat.open()
    page = chat.page
    describe = """() => {
        const e = document.activeElement;
        if (!e || e === document.body) return 'body';
        if (e.classList.contains('govuk-skip-link')) return 'skip';
        if (e.id === 'exit-this-page') return 'exit';
        if (e.dataset && e.dataset.lang && e.closest('#language-select')) return 'lang';
        if (e.id === 'message') return 'textbox';
        if (e.id === 'send') return 'send';
        if (e.classList.contains('cpc-quick-reply')) return 'quick';
        return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '');
    }"""
    order = []
    for _ in range(40):
        page.keyboard.press("Tab")
        order.append(page.evaluate(describe))
        if order[-1] == "quick":
            break
    firsts = {}
    for index, name in enumerate(order):
        firsts.setdefault(name, index)
    wanted = ["skip", "exit", "lang", "textbox", "send", "quick"]
    assert all(name in firsts for name in wanted), order
    assert [firsts[name] for name in wanted] == sorted(firsts[name] for name in wanted), order
    assert order[0] == "skip"

    # The skip link takes keyboard users straight to the chat.
    page.keyboard.press("Shift+Tab")
    page.reload()
    page.wait_for_function("() => window.cpcReady === true")
    page.keyboard.press("Tab")
    assert page.evaluate(describe) == "skip"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(describe) == "textbox"

    # Type and send with the keyboard only (Enter sends).
    before = chat.bot_count()
    page.keyboard.type("can I bring a friend")
    page.keyboard.press("Enter")
    assert chat.wait_for_reply(before)

    # Tab to Send and on to a quick reply, then press it.
    page.locator("#message").focus()
    chat_has_buttons = chat.quick_replies().count() > 0
    if not chat_has_buttons:
        before = chat.bot_count()
        page.keyboard.type("menu")
        page.keyboard.press("Enter")
        chat.wait_for_reply(before)
    assert chat.quick_replies().count() > 0
    page.locator("#message").focus()
    page.keyboard.press("Tab")
    assert page.evaluate(describe) == "send"
    page.keyboard.press("Tab")
    assert page.evaluate(describe) == "quick"
    before = chat.bot_count()
    page.keyboard.press("Enter")
    assert chat.wait_for_reply(before)
    # Focus comes back to the text box, ready for the next question.
    assert page.evaluate(describe) in ("textbox", "secret")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_reflow_zoom_and_text_spacing(make_chat, lang):
    # 320 CSS px is 1280 px at 400% zoom; 640 CSS px is 1280 px at 200% zoom.
    for width in (320, 640):
        chat = make_chat(width=width, height=700)
        chat.open(lang=lang)
        chat.ask(QUESTIONS[lang])
        assert _no_horizontal_scroll(chat.page), f"horizontal scrolling at {width} px"
        _apply_css(chat.page, TEXT_SPACING_CSS)
        assert _no_horizontal_scroll(chat.page), f"text spacing breaks the layout at {width} px"
        for selector in ("#message", "#send", "#exit-this-page"):
            assert chat.page.locator(selector).is_visible()
        box = chat.page.locator("#send").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1


def test_forced_colours_mode(make_chat):
    chat = make_chat(width=1280, forced_colors="active")
    chat.open()
    chat.ask("can I bring a friend")
    assert chat.page.evaluate("() => matchMedia('(forced-colors: active)').matches")
    border = chat.page.locator("#transcript .cpc-msg--bot").last.evaluate(
        "e => getComputedStyle(e).borderTopStyle"
    )
    assert border == "solid"
    assert chat.axe() == []
    chat.screenshot("forced-colours-desktop")


def chat_format(violations):
    return json.dumps(violations, indent=2, ensure_ascii=False)
