"""When the assistant cannot be reached the page says so kindly and loses nothing."""
from __future__ import annotations

import pytest

from bot.i18n import gettext_for

pytestmark = pytest.mark.browser


def test_server_down_keeps_the_message_and_recovers(chat, stack):
    chat.open()
    chat.ask("can I bring a friend")
    typed = "Who will be at the meeting?"
    stack.stop_service("rasa")
    try:
        health = chat.page.request.get(stack.web_url + "/healthz")
        assert health.status == 503 and health.json()["rasa"] == "down"

        before = chat.bot_count()
        chat.textbox.fill(typed)
        chat.page.locator("#send").click()
        summary = chat.page.locator("#error-summary")
        summary.wait_for(state="visible")
        expected = gettext_for("en")(
            "Sorry, the helper cannot answer just now. Your message has not been lost: please try "
            "sending it again in a minute."
        )
        assert expected in summary.inner_text()
        assert summary.locator('[role="alert"]').count() == 1
        assert chat.textbox.input_value() == typed, "the typed message was lost"
        assert chat.bot_count() == before
        assert typed not in chat.page.locator("#transcript").inner_text()
        assert chat.axe() == []
        chat.screenshot("server-down-desktop")
    finally:
        stack.start_service("rasa")

    before = chat.bot_count()
    chat.page.locator("#send").click()
    replies = chat.wait_for_reply(before)
    assert replies
    assert chat.page.locator("#error-summary").is_hidden()
    assert chat.textbox.input_value() == ""
    assert chat.page.request.get(stack.web_url + "/healthz").json()["rasa"] == "ok"
