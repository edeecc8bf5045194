"""Polish: often typed without diacritics (czy moge, spotkanie)."""
from bot.languages import LanguageInfo

LANGUAGE = LanguageInfo(code="pl", native_name="Polski", english_name="Polish", direction="ltr",
                        babel_locale="pl", scripts=("latin",), pdf_font="latin", lemma_lookups=False,
                        typed_names=("polski", "polish", "polsku"))
