"""Exit this page: by the button and by pressing Shift three times."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _start_conversation(chat, stack) -> str:
    chat.open()
    chat.ask("can I bring a friend")
    session = chat.session_id()
    assert session and stack.tracker_events(session), "nothing stored to erase"
    return session


def _assert_left_and_erased(chat, stack, session: str) -> None:
    assert chat.requests.claim_exit().rstrip("/") == "https://www.bbc.co.uk/weather"
    # The browser left: the test answered the exit navigation itself, so nothing left this machine.
    chat.page.wait_for_url(lambda url: url.rstrip("/") == "https://www.bbc.co.uk/weather")
    chat.page.wait_for_load_state()
    assert chat.wait_until(lambda: not stack.tracker_events(session)), "conversation still on the server"
    # Back in the same tab, the page kept nothing: no session id, no transcript.
    chat.open()
    assert chat.session_id() is None
    assert chat.bot_count() == 0


def test_exit_button_leaves_and_erases(chat, stack):
    session = _start_conversation(chat, stack)
    chat.page.locator("#exit-this-page").click()
    _assert_left_and_erased(chat, stack, session)


def test_shift_three_times_leaves_and_erases(chat, stack):
    session = _start_conversation(chat, stack)
    chat.textbox.focus()
    for _ in range(3):
        chat.page.keyboard.press("Shift")
    _assert_left_and_erased(chat, stack, session)
