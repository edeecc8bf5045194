"""Every text the web page shows, in English (the gettext message ids).

Marked with N_ so `pybabel extract -k N_` puts them in the catalog; served translated by
GET /api/strings?lang=xx and used by the server-rendered templates. Placeholders in
{curly braces} are filled on the page (links or numbers); translators keep them as they are.
"""
from __future__ import annotations

from datetime import timedelta

from babel.dates import format_timedelta

from bot.i18n import LANGUAGES, N_, babel_locale, gettext_for, normalise_language

MAX_MESSAGE_CHARS = 2000

STRINGS: dict[str, str] = {
    # Page frame
    "service_name": N_("Child protection conference helper"),
    "your_council": N_("Your council"),
    "skip_link": N_("Skip to the chat"),
    "exit_emergency": N_("Emergency"),
    "exit_this_page": N_("Exit this page"),
    "exit_activated": N_("Loading."),
    "exit_timed_out": N_("Exit this page expired."),
    "exit_press_two": N_("Shift, press 2 more times to exit."),
    "exit_press_one": N_("Shift, press 1 more time to exit."),
    "language_nav_label": N_("Choose a language"),
    "safety_line": N_(
        "If a child is in danger now, call {emergency}. Children and young people can call "
        "Childline on {childline}. Adults worried about a child can call the NSPCC on {nspcc}."
    ),
    "intro": N_(
        "This is an automatic helper, not a person. It gives general information about child "
        "protection conferences. It cannot give legal advice about your own case."
    ),
    "privacy_link": N_("How we use your information"),
    "noscript": N_(
        "This chat needs JavaScript, which is turned off in your browser. You can still call the "
        "numbers above for help."
    ),
    # Conversation
    "transcript_label": N_("Conversation"),
    "you_said": N_("You said:"),
    "helper_said": N_("Helper said:"),
    "welcome": N_(
        "Hello. I can answer questions about child protection conferences: what happens, who will "
        "be there and what help you can get. Type a question below, or choose a topic."
    ),
    "message_label": N_("Type your question"),
    "message_hint": N_("Please do not type names or addresses."),
    "send": N_("Send"),
    "quick_replies_label": N_("Suggested replies"),
    "typing": N_("The helper is writing a reply…"),
    "english_original": N_("English"),
    "opens_new_tab": N_("(opens in a new tab)"),
    "clear": N_("Clear conversation"),
    "cleared": N_("The conversation has been cleared."),
    # Access code (masked field)
    "secret_label": N_("Access code"),
    "secret_hint": N_(
        "Type the access code from your letter. It will not be shown in the conversation."
    ),
    "secret_sent": N_("Access code sent"),
    "secret_cancel": N_("Type a normal message instead"),
    "secret_show": N_("Show"),
    "secret_hide": N_("Hide"),
    "secret_show_full": N_("Show access code"),
    "secret_hide_full": N_("Hide access code"),
    "secret_shown_announcement": N_("Your access code is visible"),
    "secret_hidden_announcement": N_("Your access code is hidden"),
    # Errors
    "error_title": N_("There is a problem"),
    "error_unavailable": N_(
        "Sorry, the helper cannot answer just now. Your message has not been lost: please try "
        "sending it again in a minute."
    ),
    "error_no_reply": N_(
        "Sorry, no answer came back. Your message has not been lost: please try sending it again."
    ),
    "error_empty": N_("Type a question before you press Send."),
    "error_too_long": N_("Your message is too long. Please use {max} characters or fewer."),
    "error_bad_request": N_("Sorry, that message could not be read. Please try again."),
    "error_unknown_session": N_("This conversation has ended. Please start again."),
    "error_forbidden": N_("Sorry, this request was not allowed."),
    # Starter topics (shown before the first message; payloads are language-independent)
    "starter_what": N_("What is a child protection conference?"),
    "starter_who": N_("Who will be at the meeting?"),
    "starter_supporter": N_("Can I bring someone with me?"),
    "starter_reports": N_("When will I see the reports?"),
    "starter_menu": N_("See all topics"),
    # Privacy notice
    "privacy_title": N_("How we use your information"),
    "privacy_who_runs": N_("This helper is provided by {council_name}."),
    "privacy_what_heading": N_("What we keep"),
    "privacy_what": N_(
        "We keep the text of your conversation with the helper, so that it can answer you. "
        "Before a conversation is stored, personal details such as names, phone numbers, email "
        "addresses and access codes are hidden."
    ),
    "privacy_how_long_heading": N_("How long we keep it"),
    "privacy_how_long": N_(
        "A conversation is deleted when it has not been used for {period}. When you press \"Exit "
        "this page\" or \"Clear conversation\", it is deleted straight away."
    ),
    "privacy_who_sees_heading": N_("Who can see it"),
    "privacy_who_sees": N_(
        "Only staff at {council_name} who are authorised to look after this service can see "
        "stored conversations."
    ),
    "privacy_browser_heading": N_("Your device"),
    "privacy_browser": N_(
        "This page does not use cookies and does not track you. It does not load anything from "
        "other websites. Your browser keeps a random conversation number only until you close "
        "the tab."
    ),
    "privacy_rights": N_(
        "You can ask {council_name} what information it holds about you, and ask for it to be "
        "corrected or deleted."
    ),
    "back_to_chat": N_("Back to the chat"),
}

# Starter quick replies: (string key, payload sent as the message text)
STARTERS: list[tuple[str, str]] = [
    ("starter_what", "/ask_what_is_conference"),
    ("starter_who", "/ask_who_attends"),
    ("starter_supporter", "/ask_supporter"),
    ("starter_reports", "/ask_reports"),
    ("starter_menu", "/menu"),
]


def retention_period(days: int, lang: str) -> str:
    """'30 days' in the locale's words and plural form (always counted in days)."""
    return format_timedelta(
        timedelta(days=days), granularity="day", threshold=10**9, locale=babel_locale(lang)
    )


def strings_for(lang: str) -> dict[str, str]:
    """All page strings translated into `lang` (English where a catalog lacks an entry)."""
    _ = gettext_for(lang)
    return {key: _(text) for key, text in STRINGS.items()}


def language_payload(lang: str) -> dict:
    """What GET /api/strings returns; `untranslated` lists keys still in English (shown as English)."""
    lang = normalise_language(lang)
    strings = strings_for(lang)
    untranslated = [] if lang == "en" else [k for k, v in strings.items() if v == STRINGS[k]]
    return {
        "lang": lang,
        "dir": LANGUAGES[lang].direction,
        "strings": strings,
        "untranslated": untranslated,
    }
