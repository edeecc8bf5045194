"""The one-page document: their own words exactly, in the conversation's language, PDF and HTML."""
from __future__ import annotations

import io
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from bot.my_views import document
from bot.my_views.document import (
    FontsMissing,
    build_document,
    find_font_pair,
    fonts_needed,
    normalised,
    render_html,
    render_pdf,
    render_text,
)

from .polish import polish_translate

ENGLISH_ANSWERS = {
    "going_well": {"text": "I like my school and my football club. Mr Patel is a good teacher."},
    "worries": {"text": "I worry that I will have to change school.\n\nI don't like it when there is shouting."},
    "wishes": {"text": "I would like to stay with my nan at weekends, and see my dad more often when he is not "
                       "working. I want everyone to listen to me & not talk over me <really>."},
    "share": {"choice": "chair_reads"},
    "chair_only": {"text": "Please don't tell mum I said this."},
    "first_name": {"text": "Jordan"},
}
POLISH_ANSWERS = {
    "going_well": {"text": "Lubię moją szkołę i trenera piłki nożnej. Babcia gotuje najlepszy żurek."},
    "worries": {"skipped": True},
    "wishes": {"text": "Chciałbym częściej widywać tatę, najlepiej w każdą sobotę, i żeby nikt na mnie nie "
                       "krzyczał."},
    "share": {"text": "Moja ciocia może to powiedzieć za mnie."},
    "chair_only": {"skipped": True},
    "first_name": {"text": "Łucja"},
}
DAY = date(2026, 11, 22)


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), normalised(" ".join(page.extract_text() for page in reader.pages))


def test_english_pdf_holds_their_words_exactly_on_one_page() -> None:
    doc = build_document(ENGLISH_ANSWERS, "en", today=DAY)
    pages, text = pdf_text(render_pdf(doc))
    assert pages == 1
    for part in ("going_well", "worries", "wishes", "chair_only"):
        for paragraph in ENGLISH_ANSWERS[part]["text"].split("\n\n"):
            assert normalised(paragraph) in text, part
    assert text.startswith("Jordan: my views for my meeting")
    for heading in ("What is going well", "What I am worried about", "What I would like to happen",
                    "How I would like my views to be shared", "Only for the chair"):
        assert heading in text
    assert "I would like the chair to read out what I wrote." in text
    assert "Please give this part only to the chair of my meeting." in text
    assert "Written on 22 November 2026." in text


def test_polish_pdf_has_polish_headings_and_their_words_exactly(tmp_path) -> None:
    translate = polish_translate(tmp_path)
    doc = build_document(POLISH_ANSWERS, "pl", translate=translate, today=DAY)
    pages, text = pdf_text(render_pdf(doc))
    assert pages == 1
    assert text.startswith("Łucja: moje zdanie na moje spotkanie")
    for part in ("going_well", "wishes", "share"):
        assert normalised(POLISH_ANSWERS[part]["text"]) in text, part
    assert "Co idzie dobrze" in text and "Co chciałbym, żeby się stało" in text
    assert "Jak chcę przekazać moje zdanie" in text
    assert "Czym się martwię" not in text and "Tylko dla przewodniczącego" not in text  # skipped parts
    assert "Napisano 22 listopada 2026." in text
    assert "What is going well" not in text


def test_only_the_first_name_identifies_them() -> None:
    doc = build_document({"going_well": {"text": "Football."}}, "en", today=DAY)
    assert doc.title == "My views for my meeting"
    named = build_document({"going_well": {"text": "Football."}, "first_name": {"text": "Sam"}}, "en", today=DAY)
    assert named.title == "Sam: my views for my meeting"
    text = render_text(named)
    assert "Sam" in text and text.count("Sam") == 1


def test_a_long_document_still_fits_one_page() -> None:
    long_answer = ("I have a lot to say about this and I want every word to be read out. " * 11).strip()
    answers = {part: {"text": long_answer} for part in ("going_well", "worries", "wishes", "chair_only")}
    answers["share"] = {"choice": "attend"}
    doc = build_document(answers, "en", today=DAY)
    pages, text = pdf_text(render_pdf(doc))
    assert pages == 1
    assert text.count(normalised(long_answer)) == 4


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: dict[str, dict[str, str]] = {}

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.setdefault(tag, dict(attrs))


def test_html_is_accessible_and_has_no_scripts() -> None:
    page = render_html(build_document(ENGLISH_ANSWERS, "en", today=DAY))
    outline = _Outline()
    outline.feed(page)
    assert outline.attrs["html"] == {"lang": "en", "dir": "ltr"}
    assert outline.tags.count("h1") == 1 and outline.tags.count("h2") == 5
    assert "script" not in outline.tags and "<script" not in page.lower() and "style=" not in page
    assert "on" not in {name[:2] for attrs in outline.attrs.values() for name in attrs}
    assert "&lt;really&gt;" in page and "<really>" not in page  # their words, escaped
    assert "listen to me &amp; not talk over me" in page
    assert '<p dir="auto" class="own-words">I worry that I will have to change school.</p>' in page


def test_html_sets_right_to_left_for_arabic_and_urdu() -> None:
    for lang in ("ar", "ur"):
        page = render_html(build_document({"going_well": {"text": "أحب مدرستي"}}, lang, today=DAY))
        assert f'<html lang="{lang}" dir="rtl">' in page


@pytest.mark.parametrize("lang", ["ar", "ur", "bn", "ro", "pt"])
def test_pdf_renders_in_every_script(lang: str) -> None:
    answers = {"going_well": {"text": "أحب مدرستي and my friends"}, "wishes": {"text": "আমি স্কুল ভালোবাসি"}}
    data = render_pdf(build_document(answers, lang, today=DAY))
    assert data.startswith(b"%PDF") and len(PdfReader(io.BytesIO(data)).pages) == 1


def test_fonts_follow_the_language_and_the_text() -> None:
    assert fonts_needed(build_document({"going_well": {"text": "hi"}}, "en")) == ["latin"]
    assert fonts_needed(build_document({"going_well": {"text": "hi"}}, "ur")) == ["urdu", "latin"]
    assert fonts_needed(build_document({"going_well": {"text": "مرحبا"}}, "pl")) == ["latin", "arabic"]


def test_missing_fonts_fail_clearly(tmp_path) -> None:
    with pytest.raises(FontsMissing, match="fonts-dejavu-core"):
        find_font_pair("latin", (tmp_path,))
    doc = build_document({"going_well": {"text": "hi"}}, "bn")
    with pytest.raises(FontsMissing, match="NotoSansBengali-Regular.ttf.*fonts-noto-core"):
        render_pdf(doc, dirs=(tmp_path,))


def test_control_characters_are_dropped_but_words_are_not_changed() -> None:
    doc = build_document({"going_well": {"text": "I like\r\nart\x00 \u202eclass"}}, "en", today=DAY)
    assert doc.sections[0].paragraphs == ("I like\nart class",)


def test_text_for_the_case_record() -> None:
    text = render_text(build_document(ENGLISH_ANSWERS, "en", today=DAY))
    assert text.splitlines()[0] == "Jordan: my views for my meeting"
    for part in ("going_well", "worries", "wishes", "chair_only"):
        assert ENGLISH_ANSWERS[part]["text"] in text
    assert re.search(r"Only for the chair\n\(Please give this part only to the chair of my meeting\.\)", text)


def test_every_fixed_text_is_marked_for_translation() -> None:
    source = Path(document.__file__).read_text(encoding="utf-8")
    for text in (document.TITLE, document.INTRO, document.WRITTEN_ON, *document.HEADINGS.values(),
                 *document.SHARE_LABELS.values()):
        assert f'N_("{text}")' in source
