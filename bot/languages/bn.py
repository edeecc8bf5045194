"""Bengali: in its own script, and very often in Latin letters (Banglish)."""
from bot.languages import LanguageInfo

LANGUAGE = LanguageInfo(code="bn", native_name="বাংলা", english_name="Bengali", direction="ltr",
                        babel_locale="bn", scripts=("bengali", "latin"), pdf_font="bengali", lemma_lookups=False,
                        typed_names=("বাংলা", "bangla", "bengali"))
