"""Numbers read left to right in Arabic and Urdu: the digit groups appear in their real order.

0808 800 5000 must be seen as "0808 800 5000", never "5000 800 0808": checked on the rendered
page, by where the browser actually draws each group, on the safety line and in a reply.
"""
from __future__ import annotations

import pytest

from bot.profile import load_profile

pytestmark = pytest.mark.browser

#: x position of each of a number's digit groups, where the browser drew them.
GROUP_POSITIONS = """([selector, number]) => {
  const groups = number.split(' ')
  const root = document.querySelector(selector)
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  const found = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(number)
    if (at < 0) continue
    let offset = at
    for (const group of groups) {
      const range = document.createRange()
      range.setStart(node, offset)
      range.setEnd(node, offset + group.length)
      found.push(range.getBoundingClientRect().left)
      offset += group.length + 1
    }
    return found
  }
  return null
}"""


def positions(chat, selector: str, number: str) -> list[float]:
    found = chat.page.evaluate(GROUP_POSITIONS, [selector, number])
    assert found, f"{number} not found in {selector}"
    return found


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_safety_line_numbers_keep_their_order(chat, lang: str) -> None:
    chat.open(lang=lang)
    assert chat.page.evaluate("() => document.documentElement.dir") == "rtl"
    nspcc = load_profile().placeholder_values()["nspcc_number"]
    left_to_right = positions(chat, ".cpc-safety__text", nspcc)
    assert left_to_right == sorted(left_to_right), f"{nspcc} drawn as {left_to_right}"


@pytest.mark.parametrize(("lang", "message"), [("ar", "أريد أن أموت"), ("ur", "میں مرنا چاہتی ہوں")])
def test_phone_numbers_in_a_reply_keep_their_order(chat, lang: str, message: str) -> None:
    chat.open(lang=lang)
    chat.ask(message)
    samaritans = load_profile().placeholder_values()["samaritans_number"]
    left_to_right = positions(chat, "#transcript", samaritans)
    assert left_to_right == sorted(left_to_right), f"{samaritans} drawn as {left_to_right}"
