"""The gettext catalogs of the languages the assistant ships (bot/languages is the registry).

English texts are the message ids. Catalogs live in locales/<lang>/LC_MESSAGES/messages.po
and are compiled to .mo by the set-up (`pybabel compile`).
"""
from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache

from babel import Locale

from bot.languages import LANGUAGES, SOURCE_LANGUAGE
from bot.settings import LOCALES_DIR

DOMAIN = "messages"


def normalise_language(code: object) -> str:
    """Map anything a client sends ("pl-PL", "PT", None, 42) to a shipped language code."""
    if not isinstance(code, str):
        return SOURCE_LANGUAGE
    short = code.strip().lower().replace("_", "-").split("-")[0]
    return short if short in LANGUAGES else SOURCE_LANGUAGE


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for extraction (translated later with ngettext)."""
    return singular, plural


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog for `lang`; English (or a missing catalog) is the identity."""
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(LOCALES_DIR), languages=[lang], fallback=True)


def gettext_for(lang: str) -> Callable[[str], str]:
    return translations(normalise_language(lang)).gettext


def ngettext_for(lang: str) -> Callable[[str, str, int], str]:
    return translations(normalise_language(lang)).ngettext


def babel_locale(lang: str) -> Locale:
    return _babel_locale(normalise_language(lang))


@cache
def _babel_locale(code: str) -> Locale:
    return Locale.parse(LANGUAGES[code].babel_locale)
