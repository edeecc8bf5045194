"""English: the source language (every English text is a gettext message id)."""
from bot.languages import LanguageInfo

LANGUAGE = LanguageInfo(code="en", native_name="English", english_name="English", direction="ltr",
                        babel_locale="en_GB", scripts=("latin",), pdf_font="latin", lemma_lookups=True,
                        typed_names=("english",))
