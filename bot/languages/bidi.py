"""Numbers that read left to right inside right-to-left text.

In an Arabic or Urdu sentence, a phone number such as 0808 800 5000 is three runs of digits
with spaces between them; the Unicode bidirectional algorithm lays those runs out right to
left, so a reader sees "5000 800 0808" and dials the wrong number. Wrapping each number (and
each case reference such as CPC-DEMO-0001) in a left-to-right isolate (U+2066 ... U+2069)
keeps it in one piece, in its own order, wherever it sits in the sentence. Plain text keeps
the marks (the REST channel, the PDF); the page also isolates phone links in CSS.
"""
from __future__ import annotations

import re

LRI = "\u2066"
PDI = "\u2069"
#: Digit groups joined by spaces, dots, dashes or slashes (phone numbers, dates, times), or a reference.
_LTR_RUN = re.compile(r"(?<![\w\u2066])(\+?\d(?:[\d\u00a0 ./:-]*\d)?|[A-Z]{2,}(?:-[A-Z0-9]+)+)(?![\w\u2069])")


def isolate_numbers(text: str) -> str:
    """`text` with every number and reference wrapped in a left-to-right isolate."""
    return _LTR_RUN.sub(lambda match: f"{LRI}{match.group(1)}{PDI}", text)
