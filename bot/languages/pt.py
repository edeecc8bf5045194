"""Portuguese: Brazilian and European, often typed without accents."""
from bot.languages import LanguageInfo

LANGUAGE = LanguageInfo(code="pt", native_name="Português", english_name="Portuguese", direction="ltr",
                        babel_locale="pt", scripts=("latin",), pdf_font="latin", lemma_lookups=True,
                        typed_names=("portugues", "portuguese"))
