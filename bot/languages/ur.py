"""Urdu: right to left, and very often typed in Latin letters (Roman Urdu)."""
from bot.languages import LanguageInfo

LANGUAGE = LanguageInfo(code="ur", native_name="اردو", english_name="Urdu", direction="rtl",
                        babel_locale="ur", scripts=("arabic", "latin"), pdf_font="urdu", lemma_lookups=True,
                        typed_names=("اردو", "urdu"))
