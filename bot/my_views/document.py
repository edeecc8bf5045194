"""A young person's views as a one-page document: accessible HTML, PDF, and plain text.

The headings and fixed sentences are N_() strings translated into the conversation's
language; the young person's own words are copied exactly as they wrote them (only line
endings are normalised and invisible control characters dropped). The title carries their
first name if they gave one, and nothing else that identifies them.

The PDF is drawn with fpdf2 using the system's TrueType fonts (Debian packages
fonts-dejavu-core and fonts-noto-core), with HarfBuzz text shaping (uharfbuzz) for Arabic,
Urdu and Bengali. Nothing is stored: the web process renders on demand from the draft.
"""
from __future__ import annotations

import html
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Optional

from babel.dates import format_date

from bot.i18n import LANGUAGES, N_, babel_locale, gettext_for, normalise_language
from bot.languages.bidi import isolate_numbers
from bot.my_views import CONTENT_PARTS, Entry, entry_choice, entry_text
from bot.timeutil import LONDON, utcnow

Translate = Callable[[str], str]

TITLE = N_("My views for my meeting")
TITLE_WITH_NAME = N_("{first_name}: my views for my meeting")
INTRO = N_("This is what I want the people at my meeting to know. These are my own words.")
HEADINGS: dict[str, str] = {
    "going_well": N_("What is going well"),
    "worries": N_("What I am worried about"),
    "wishes": N_("What I would like to happen"),
    "share": N_("How I would like my views to be shared"),
    "chair_only": N_("Only for the chair"),
}
CHAIR_ONLY_NOTE = N_("Please give this part only to the chair of my meeting.")
SHARE_LABELS: dict[str, str] = {
    "attend": N_("I would like to go to part of the meeting."),
    "chair_reads": N_("I would like the chair to read out what I wrote."),
    "advocate": N_("I would like an advocate to speak for me."),
    "social_worker": N_("I would like my social worker to share my views."),
}
WRITTEN_ON = N_("Written on {date}.")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2066-\u2069\u202a-\u202e]")


def own_words(text: str) -> str:
    """Their text for display: line endings normalised, control and bidi-override marks removed."""
    return _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n")).strip()


@dataclass(frozen=True)
class Section:
    part: str
    heading: str
    #: Paragraphs of the answer: their own words, or a translated choice.
    paragraphs: tuple[str, ...]
    own_words: bool
    note: Optional[str] = None


@dataclass(frozen=True)
class ViewsDocument:
    language: str
    direction: str
    title: str
    intro: str
    sections: tuple[Section, ...]
    footer: str

    def all_text(self) -> str:
        parts = [self.title, self.intro, self.footer]
        for section in self.sections:
            parts += [section.heading, *section.paragraphs, section.note or ""]
        return "\n".join(parts)


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p.strip("\n") for p in re.split(r"\n\s*\n", own_words(text)) if p.strip())


def build_document(answers: Mapping[str, Entry], language: str, translate: Optional[Translate] = None,
                   today: Optional[date] = None) -> ViewsDocument:
    """The document's content in `language`, from a draft's answers."""
    lang = normalise_language(language)
    _ = translate or gettext_for(lang)
    name = entry_text(answers.get("first_name"))
    title = _(TITLE_WITH_NAME).format(first_name=own_words(name)) if name else _(TITLE)
    sections: list[Section] = []
    for part in CONTENT_PARTS:
        entry = answers.get(part)
        text, choice = entry_text(entry), entry_choice(entry)
        if text is not None:
            sections.append(Section(part, _(HEADINGS[part]), _paragraphs(text), True,
                                    _(CHAIR_ONLY_NOTE) if part == "chair_only" else None))
        elif choice is not None:
            sections.append(Section(part, _(HEADINGS[part]), (_(SHARE_LABELS[choice]),), False))
    day = today or utcnow().astimezone(LONDON).date()
    footer = _(WRITTEN_ON).format(date=format_date(day, format="long", locale=babel_locale(lang)))
    if LANGUAGES[lang].direction == "rtl":
        footer = isolate_numbers(footer)  # the date's digits keep their order in Arabic and Urdu
    return ViewsDocument(language=lang, direction=LANGUAGES[lang].direction, title=title, intro=_(INTRO),
                         sections=tuple(sections), footer=footer)


# -- plain text (for the case record) ----------------------------------------------------------

def render_text(doc: ViewsDocument) -> str:
    blocks = [doc.title, doc.intro]
    for section in doc.sections:
        lines = [section.heading]
        if section.note:
            lines.append(f"({section.note})")
        lines.append("\n\n".join(section.paragraphs))
        blocks.append("\n".join(lines))
    blocks.append(doc.footer)
    return "\n\n".join(blocks)


# -- HTML ----------------------------------------------------------------------------------------

STYLESHEET = """\
body { font-family: Arial, "Noto Sans", "DejaVu Sans", sans-serif; font-size: 1.1875rem; line-height: 1.5;
       color: #0b0c0c; background: #ffffff; margin: 0; }
main { max-width: 40rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.5rem; line-height: 1.25; margin: 2rem 0 0.5rem; }
.own-words { white-space: pre-wrap; border-inline-start: 5px solid #b1b4b6; padding-inline-start: 1rem; }
.note { font-weight: bold; }
footer { margin-top: 2.5rem; color: #505a5f; }
@media print { body { font-size: 12pt; } main { max-width: none; padding: 0; } h2 { break-after: avoid; } }
@media (forced-colors: active) { .own-words { border-inline-start-color: CanvasText; } }
"""


def _html_paragraph(text: str, own: bool) -> str:
    escaped = "<br>\n".join(html.escape(line, quote=True) for line in text.split("\n"))
    return f'<p dir="auto" class="own-words">{escaped}</p>' if own else f"<p>{escaped}</p>"


def render_html(doc: ViewsDocument, stylesheet_href: Optional[str] = "/views/document.css") -> str:
    """A complete, script-free HTML page: language and direction set, real headings."""
    e = lambda text: html.escape(text, quote=True)  # noqa: E731
    body: list[str] = [f"<h1>{e(doc.title)}</h1>", f"<p>{e(doc.intro)}</p>"]
    for section in doc.sections:
        body.append(f'<section aria-labelledby="part-{section.part}">')
        body.append(f'<h2 id="part-{section.part}">{e(section.heading)}</h2>')
        if section.note:
            body.append(f'<p class="note">{e(section.note)}</p>')
        body += [_html_paragraph(paragraph, section.own_words) for paragraph in section.paragraphs]
        body.append("</section>")
    body.append(f"<footer><p>{e(doc.footer)}</p></footer>")
    link = f'<link rel="stylesheet" href="{e(stylesheet_href)}">\n' if stylesheet_href else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{e(doc.language)}" dir="{e(doc.direction)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f"<title>{e(doc.title)}</title>\n"
        f"{link}"
        "</head>\n"
        "<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )


# -- PDF -----------------------------------------------------------------------------------------

FONT_DIRS: tuple[Path, ...] = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
#: Font family -> (regular, bold) file names, first that is found, and the Debian package.
FONT_FILES: dict[str, tuple[tuple[tuple[str, str], ...], str]] = {
    "latin": ((("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),), "fonts-dejavu-core"),
    "arabic": ((("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
                ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf")), "fonts-noto-core"),
    "urdu": ((("NotoNastaliqUrdu-Regular.ttf", "NotoNastaliqUrdu-Bold.ttf"),), "fonts-noto-core"),
    "bengali": ((("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),), "fonts-noto-core"),
}
#: Line height as a multiple of the font size (Nastaliq is tall).
LINE_HEIGHT = {"latin": 1.45, "arabic": 1.8, "urdu": 2.4, "bengali": 1.8}
#: Body font sizes tried in turn until the document fits on one page.
BODY_SIZES = (12.0, 11.0, 10.0, 9.0)
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_BENGALI_SCRIPT = re.compile(r"[\u0980-\u09ff]")


class FontsMissing(RuntimeError):
    """A font the document needs is not installed."""


@cache
def _font_index(dirs: tuple[Path, ...]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for root in dirs:
        if not root.is_dir():
            continue
        for folder, _subdirs, files in os.walk(root):
            for name in files:
                found.setdefault(name, Path(folder) / name)
    return found


def find_font_pair(family: str, dirs: Sequence[Path] = FONT_DIRS) -> tuple[Path, Path]:
    """The regular and bold files of a font family, or FontsMissing naming what to install."""
    candidates, package = FONT_FILES[family]
    index = _font_index(tuple(dirs))
    for regular, bold in candidates:
        if regular in index and bold in index:
            return index[regular], index[bold]
    wanted = " or ".join(f"{regular} and {bold}" for regular, bold in candidates)
    raise FontsMissing(f"The views document needs the font {wanted}, which is not installed under "
                       f"{', '.join(str(d) for d in dirs)}. Install the Debian package {package}.")


def text_direction(text: str, default: str) -> str:
    """Like HTML's dir="auto": the direction of the first strong letter, else `default`."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return default


def fonts_needed(doc: ViewsDocument) -> list[str]:
    """The font families for this document: its language's, then any its text needs."""
    main = LANGUAGES[doc.language].pdf_font
    needed = [main]
    text = doc.all_text()
    for family, pattern in (("arabic", _ARABIC_SCRIPT), ("bengali", _BENGALI_SCRIPT)):
        if pattern.search(text) and family not in needed and not (family == "arabic" and main == "urdu"):
            needed.append(family)
    if "latin" not in needed:
        needed.append("latin")  # Latin letters and digits inside other scripts
    return needed


def _draw(doc: ViewsDocument, families: list[str], body_size: float, dirs: Sequence[Path]) -> tuple[bytes, int]:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(doc.title)
    pdf.set_lang(doc.language)
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    for family in families:
        regular, bold = find_font_pair(family, dirs)
        pdf.add_font(family, "", str(regular))
        pdf.add_font(family, "B", str(bold))
    main = families[0]
    pdf.set_fallback_fonts(families[1:], exact_match=False)
    features = None if main != "latin" else {"liga": False}  # keep "fi" as two letters for copying
    factor = LINE_HEIGHT[main]
    mm = 25.4 / 72

    def block(text: str, size: float, bold: bool = False, space_after: float = 0.0,
              direction: Optional[str] = None) -> None:
        direction = direction or doc.direction
        pdf.set_text_shaping(use_shaping_engine=True, features=features, direction=direction)
        pdf.set_font(main, "B" if bold else "", size)
        pdf.multi_cell(0, size * factor * mm, text, align="R" if direction == "rtl" else "L",
                       new_x="LMARGIN", new_y="NEXT")
        if space_after:
            pdf.ln(space_after)

    pdf.add_page()
    block(doc.title, body_size + 6, bold=True, space_after=3)
    block(doc.intro, body_size, space_after=4)
    for section in doc.sections:
        block(section.heading, body_size + 2, bold=True, space_after=1)
        if section.note:
            block(section.note, body_size, bold=True, space_after=1)
        for paragraph in section.paragraphs:
            own = text_direction(paragraph, doc.direction) if section.own_words else None
            block(paragraph, body_size, space_after=2, direction=own)
        pdf.ln(2)
    pdf.ln(4)
    block(doc.footer, body_size - 1)
    return bytes(pdf.output()), pdf.page_no()


def render_pdf(doc: ViewsDocument, dirs: Sequence[Path] = FONT_DIRS) -> bytes:
    """The document as PDF bytes, on one page when the font can be made small enough."""
    families = fonts_needed(doc)
    for family in families:
        find_font_pair(family, dirs)  # fail clearly before drawing anything
    data = b""
    for size in BODY_SIZES:
        data, pages = _draw(doc, families, size, dirs)
        if pages == 1:
            break
    return data


def iter_own_words(doc: ViewsDocument) -> Iterable[str]:
    """Every paragraph of the young person's own words in the document (for checks)."""
    for section in doc.sections:
        if section.own_words:
            yield from section.paragraphs


def normalised(text: str) -> str:
    """Whitespace collapsed, for comparing text a PDF reader extracts with what was written."""
    return " ".join(unicodedata.normalize("NFC", text).split())
