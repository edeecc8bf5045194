"""Screenshots of the page for people reviewing it (saved under tests/output/screenshots/).

Set CPC_UPDATE_DOC_SCREENSHOTS=1 to refresh the small set committed in docs/screenshots/.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "name,lang,width,height,doc",
    [
        ("desktop-en", "en", 1280, 900, True),
        ("phone-320-en", "en", 320, 640, True),
        ("phone-375-en", "en", 375, 720, False),
        ("desktop-ar-rtl", "ar", 1280, 900, False),
        ("phone-375-ar-rtl", "ar", 375, 720, True),
        ("phone-375-ur-rtl", "ur", 375, 720, False),
    ],
)
def test_screenshots(make_chat, name, lang, width, height, doc):
    chat = make_chat(width=width, height=height)
    chat.open(lang=lang)
    chat.screenshot(f"{name}-start", doc=doc)
    questions = {"ar": "هل يمكنني إحضار صديق؟", "ur": "کیا میں کسی دوست کو ساتھ لا سکتا ہوں؟"}
    chat.ask(questions.get(lang, "can I bring a friend"))
    chat.page.evaluate("() => window.scrollTo(0, 0)")
    chat.screenshot(f"{name}-conversation", full_page=True)
    assert chat.page.evaluate("document.documentElement.dir") == ("rtl" if lang in ("ar", "ur") else "ltr")
