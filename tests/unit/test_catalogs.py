"""Every shipped translation is complete, current and safe to render."""
from __future__ import annotations

import string
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import polib
import pytest
import yaml

from bot.i18n import LANGUAGES, SOURCE_LANGUAGE
from bot.settings import LOCALES_DIR, PROJECT_ROOT

TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
GLOSSARY_TERMS = ("conference", "child protection plan", "core group", "advocate", "chair", "social worker")


@lru_cache(maxsize=1)
def current_msgids() -> frozenset[str]:
    """The message ids the source has now (a fresh extraction, not the committed template)."""
    out = Path(PROJECT_ROOT / "tests" / "output")
    out.mkdir(parents=True, exist_ok=True)
    template = out / "messages.pot"
    subprocess.run([sys.executable, "-c", f"import sys; sys.argv=['x','extract']; "
                    "import bot.ops.catalogs as c; "
                    f"c.TEMPLATE=__import__('pathlib').Path({str(template)!r}); c.extract()"],
                   cwd=PROJECT_ROOT, check=True, capture_output=True)
    return frozenset(entry.msgid for entry in polib.pofile(str(template)))


def catalog(lang: str) -> polib.POFile:
    return polib.pofile(str(LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"))


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_is_complete_and_current(lang: str) -> None:
    po = catalog(lang)
    live = [entry for entry in po if not entry.obsolete]
    problems = [f"untranslated: {e.msgid!r}" for e in live if not e.translated() and "fuzzy" not in e.flags]
    problems += [f"fuzzy (source changed?): {e.msgid!r}" for e in live if "fuzzy" in e.flags]
    problems += [f"obsolete: {e.msgid!r}" for e in po if e.obsolete]
    have = {entry.msgid for entry in live}
    problems += [f"missing from the catalog (run catalogs update): {m!r}" for m in sorted(current_msgids() - have)]
    problems += [f"no longer in the source: {m!r}" for m in sorted(have - current_msgids())]
    assert not problems, f"{lang}:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_match(lang: str) -> None:
    problems = []
    for entry in catalog(lang):
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        expected = fields(entry.msgid) | fields(entry.msgid_plural or "")
        problems += [f"{entry.msgid!r} -> {text!r}" for text in translations if text and fields(text) != expected]
    assert not problems, f"{lang} placeholder mismatch:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_says_how_it_was_made_and_has_a_glossary(lang: str) -> None:
    text = (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert "Awaits review by a qualified" in text.split("msgid", 1)[0]
    terms = yaml.safe_load((LOCALES_DIR / lang / "glossary.yml").read_text(encoding="utf-8"))
    glossary = {term.lower() for term in terms}
    missing = [term for term in GLOSSARY_TERMS if not any(term in entry for entry in glossary)]
    assert not missing, f"{lang} glossary lacks {missing}"
