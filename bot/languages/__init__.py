"""The languages the assistant ships: one entry each, in the style of spaCy's `lang/` packages.

Each module here (en.py, pl.py, ...) describes one language: its native name, writing
direction, Babel locale, scripts, the PDF's font, and whether spacy-lookups-data has a lemma
table for it. Everything else reads this registry: the catalogs (bot/i18n.py), the safety
phrase lists, the spaCy pipelines, the young person's PDF and the page's language picker.
tests/unit/test_languages.py fails when a registered language lacks a catalog, safety
phrases, training questions or a blind test set.

To add a language: add a module here with its LANGUAGE, list it in MODULES, and follow
docs/deploy.md ("Adding a language").
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass

#: Unicode ranges of the scripts our languages use (besides Latin).
SCRIPT_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "arabic": ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "bengali": ((0x0980, 0x09FF),),
}


@dataclass(frozen=True)
class LanguageInfo:
    code: str
    native_name: str
    english_name: str
    direction: str                 # "ltr" or "rtl"
    babel_locale: str
    scripts: tuple[str, ...]       # "latin", "arabic", "bengali": what people type it in (romanised too)
    pdf_font: str                  # the font family of the young person's document (bot/my_views/document.py)
    lemma_lookups: bool            # spacy-lookups-data has a lemma table for it
    typed_names: tuple[str, ...]   # what people type to choose it ("polski", "urdu"), folded, lower case


MODULES = ("en", "pl", "ro", "ur", "ar", "pt", "bn")
SOURCE_LANGUAGE = "en"
LANGUAGES: dict[str, LanguageInfo] = {
    code: importlib.import_module(f"bot.languages.{code}").LANGUAGE for code in MODULES
}
CODES: tuple[str, ...] = tuple(LANGUAGES)
