"""The conversation itself: typing, buttons, the masked access code, language, clearing."""
from __future__ import annotations

import json
import re

import pytest

from bot.i18n import gettext_for

pytestmark = pytest.mark.browser


def test_typed_question_is_answered(chat):
    chat.open()
    replies = chat.ask("can I bring a friend")
    assert chat.mentions(replies, r"friend|support"), replies
    # The question is shown as the user's message; the page keeps no copy outside the tab.
    assert chat.page.locator("#transcript .cpc-msg--user").last.inner_text().endswith("can I bring a friend")
    assert chat.textbox.input_value() == ""
    assert chat.page.evaluate("() => window.localStorage.length") == 0
    assert chat.page.context.cookies() == []


def test_button_click_is_answered(chat):
    chat.open()
    starters = chat.quick_replies()
    assert starters.count() >= 3
    first_title = starters.first.inner_text()
    before = chat.bot_count()
    starters.first.click()
    replies = chat.wait_for_reply(before)
    assert replies and all(text.strip() for text in replies)
    # The button's title, not its payload, stands for the user's turn.
    user_turn = chat.page.locator("#transcript .cpc-msg--user").last.inner_text()
    assert first_title in user_turn and "/ask_" not in user_turn

    # Buttons the assistant sends are shown as quick replies, and they work too.
    before = chat.bot_count()
    replies = chat.ask("menu")
    buttons = chat.quick_replies()
    assert buttons.count() >= 1, f"the assistant's menu came without buttons: {replies}"
    before = chat.bot_count()
    buttons.first.click()
    replies = chat.wait_for_reply(before)
    assert replies and all(text.strip() for text in replies)


def test_access_code_is_masked_and_never_shown(chat):
    chat.open()
    chat.ask("when is my conference")
    assert chat.secret_box.is_hidden()
    chat.ask("CPC-DEMO-0001")
    # The assistant asked for the access code: the next input is a password field.
    secret = chat.secret_box
    secret.wait_for(state="visible")
    assert secret.get_attribute("type") == "password"
    assert chat.textbox.is_hidden()
    assert chat.page.evaluate("() => document.activeElement.id") == "secret"
    assert chat.page.locator("label[for=secret]").is_visible()
    assert chat.axe() == []
    chat.screenshot("access-code-desktop")
    before = chat.bot_count()
    secret.fill("MAPLE-3141")
    chat.page.locator("#send").click()
    replies = chat.wait_for_reply(before)
    assert chat.mentions(replies, r"2027|January|conference"), replies

    html = chat.page.content()
    assert "MAPLE-3141" not in html
    values = chat.page.evaluate(
        "() => Array.from(document.querySelectorAll('input, textarea')).map(e => e.value)"
    )
    assert all("MAPLE-3141" not in value for value in values)
    storage = chat.page.evaluate("() => JSON.stringify(Object.assign({}, window.sessionStorage))")
    assert "MAPLE-3141" not in storage
    placeholder = chat.page.locator("#transcript .cpc-msg--secret")
    assert placeholder.count() == 1
    assert gettext_for("en")("Access code sent") in placeholder.inner_text()
    # Back to the normal text box after the code was accepted.
    assert chat.textbox.is_visible()


def test_language_switch_sets_page_and_messages(chat, stack):
    chat.open()
    chat.page.locator('#language-select a[data-lang="ar"]').click()
    chat.page.wait_for_function("() => document.documentElement.lang === 'ar'")
    assert chat.page.evaluate("document.documentElement.dir") == "rtl"
    assert chat.page.locator("#send").inner_text().strip() == gettext_for("ar")("Send")
    assert chat.page.locator('#language-select a[aria-current="true"]').get_attribute("data-lang") == "ar"
    assert "lang=ar" in chat.page.url

    replies = chat.ask("هل يمكنني إحضار صديق؟")
    assert replies
    last = chat.bot_messages().last
    assert last.get_attribute("lang") == "ar"
    assert last.get_attribute("dir") == "rtl"
    user = chat.page.locator("#transcript .cpc-msg--user").last
    assert (user.get_attribute("lang"), user.get_attribute("dir")) == ("ar", "rtl")
    events = json.dumps(stack.tracker_events(chat.session_id()), ensure_ascii=False)
    assert re.search(r'"language":\s*"ar"|"name":\s*"language",\s*"value":\s*"ar"', events), (
        "the language was not sent with the message"
    )

    # Back to English: the next messages are left to right again.
    chat.page.locator('#language-select a[data-lang="en"]').click()
    chat.page.wait_for_function("() => document.documentElement.dir === 'ltr'")
    chat.ask("can I bring a friend")
    assert chat.bot_messages().last.get_attribute("dir") == "ltr"


def test_page_follows_a_language_chosen_in_the_conversation(chat, stack):
    chat.open()
    chat.ask("Polski")
    chat.page.wait_for_function("() => document.documentElement.lang === 'pl'")
    assert chat.page.locator('#language-select a[aria-current="true"]').get_attribute("data-lang") == "pl"
    assert chat.bot_messages().last.get_attribute("lang") == "pl"
    # The next message carries the new language.
    chat.ask("can I bring a friend")
    events = json.dumps(stack.tracker_events(chat.session_id()), ensure_ascii=False)
    assert re.search(r'"language":\s*"pl"|"name":\s*"language",\s*"value":\s*"pl"', events)


def test_english_original_is_a_collapsible_block(chat):
    chat.open(lang="pl")
    chat.ask("/i_am_interpreter")
    replies = chat.ask("can I bring a friend")
    assert replies
    details = chat.bot_messages().locator("details.cpc-english")
    assert details.count() >= 1, "the interpreter view carried no English original"
    block = details.last
    assert block.get_attribute("open") is None
    block.locator("summary").click()
    english = block.locator(".govuk-details__text")
    assert english.get_attribute("lang") == "en"
    assert re.search(r"friend|support", english.inner_text(), re.I)


def test_clear_conversation_erases_it(chat, stack):
    chat.open()
    chat.ask("can I bring a friend")
    session = chat.session_id()
    assert session and stack.tracker_events(session)
    chat.page.locator("#clear").click()
    assert chat.bot_count() == 0
    assert chat.page.locator("#transcript .cpc-msg--user").count() == 0
    assert chat.session_id() is None
    chat.page.wait_for_function("() => document.getElementById('tools-status').textContent !== ''")
    assert chat.wait_until(lambda: not stack.tracker_events(session)), "the conversation is still stored"
    # A new conversation starts with a new id.
    chat.ask("can I bring a friend")
    assert chat.session_id() not in (None, session)


def test_privacy_notice(make_chat, stack):
    from bot.profile import load_profile

    profile = load_profile(stack.settings.council_profile)
    days = profile.retention.conversation_days
    chat = make_chat(width=375)
    chat.open()
    chat.ask("can I bring a friend")
    # On the chat page the notice opens in place, so reading it loses nothing.
    details = chat.page.locator("#privacy-details")
    details.locator("summary").click()
    text = details.inner_text()
    assert f"{days} days" in text
    assert profile.council_name in text
    assert chat.bot_count() >= 1
    assert chat.axe() == []

    # And on its own page, linked from the council's site.
    chat.open(path="/privacy")
    text = chat.page.locator("main").inner_text()
    assert f"{days} days" in text
    assert chat.page.locator("#exit-this-page").is_visible()
    violations = chat.axe()
    assert violations == [], violations
    chat.screenshot("privacy-phone")
