"""Arabic: right to left, in dialects and in Latin letters (Arabizi) too."""
from bot.languages import LanguageInfo

LANGUAGE = LanguageInfo(code="ar", native_name="العربية", english_name="Arabic", direction="rtl",
                        babel_locale="ar", scripts=("arabic", "latin"), pdf_font="arabic", lemma_lookups=False,
                        typed_names=("العربية", "عربي", "arabic"))
