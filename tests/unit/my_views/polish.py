"""A Polish catalog for the views tests: the shipped one plus the document's strings.

The shipped catalogs are not edited here: the Polish entries below are added to a copy that
is compiled into a temporary folder.
"""
from __future__ import annotations

import gettext
from collections.abc import Callable
from pathlib import Path

import polib

from bot.my_views import document
from bot.settings import LOCALES_DIR

POLISH = {
    document.TITLE: "Moje zdanie na moje spotkanie",
    document.TITLE_WITH_NAME: "{first_name}: moje zdanie na moje spotkanie",
    document.INTRO: "To chcę przekazać osobom na moim spotkaniu. To są moje własne słowa.",
    document.HEADINGS["going_well"]: "Co idzie dobrze",
    document.HEADINGS["worries"]: "Czym się martwię",
    document.HEADINGS["wishes"]: "Co chciałbym, żeby się stało",
    document.HEADINGS["share"]: "Jak chcę przekazać moje zdanie",
    document.HEADINGS["chair_only"]: "Tylko dla przewodniczącego",
    document.CHAIR_ONLY_NOTE: "Proszę przekazać tę część tylko przewodniczącemu mojego spotkania.",
    document.SHARE_LABELS["attend"]: "Chcę pójść na część spotkania.",
    document.SHARE_LABELS["chair_reads"]: "Chcę, żeby przewodniczący przeczytał to, co napisałem.",
    document.SHARE_LABELS["advocate"]: "Chcę, żeby rzecznik mówił w moim imieniu.",
    document.SHARE_LABELS["social_worker"]: "Chcę, żeby mój pracownik socjalny przekazał moje zdanie.",
    document.WRITTEN_ON: "Napisano {date}.",
}


def polish_translate(tmp_dir: Path) -> Callable[[str], str]:
    """gettext for Polish from a compiled copy of the catalog with the entries above."""
    po = polib.pofile(str(LOCALES_DIR / "pl" / "LC_MESSAGES" / "messages.po"))
    existing = {entry.msgid: entry for entry in po}
    for msgid, msgstr in POLISH.items():
        if msgid in existing:
            existing[msgid].msgstr = msgstr
            if "fuzzy" in existing[msgid].flags:
                existing[msgid].flags.remove("fuzzy")
        else:
            po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    target = tmp_dir / "pl" / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    po.save_as_mofile(str(target / "messages.mo"))
    return gettext.translation("messages", localedir=str(tmp_dir), languages=["pl"]).gettext
