"""Romanian: often typed without diacritics (pot sa vin, sedinta)."""
from bot.languages import LanguageInfo

LANGUAGE = LanguageInfo(code="ro", native_name="Română", english_name="Romanian", direction="ltr",
                        babel_locale="ro", scripts=("latin",), pdf_font="latin", lemma_lookups=True,
                        typed_names=("romana", "romanian", "romaneste"))
