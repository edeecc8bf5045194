"""The young person's path end to end over REST: their voice, age-aware answers, the "My views"
helper with skip / back / change, the read-back, the PDF link, sending, and a disclosure."""
from __future__ import annotations

import io
import re
import urllib.error
import urllib.request
import uuid

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from bot.my_views.document import normalised
from bot.my_views.drafts import DraftStore
from tests.support.stack import button_payloads, texts

pytestmark = pytest.mark.e2e

ISOLATES = re.compile("[\u2066-\u2069]")
PDF_LINK = re.compile(r"https?://\S+?\.pdf")
HTML_LINK = re.compile(r"https?://\S+?\.html")


def new_sender() -> str:
    return f"young-{uuid.uuid4().hex}"


def plain(replies) -> str:
    """Reply texts without the invisible direction marks around their own words."""
    return ISOLATES.sub("", texts(replies))


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


def draft_of(stack, sender: str):
    store = DraftStore(stack.settings.database_url, migrate=False)
    try:
        return store.get(sender)
    finally:
        store.close()


def start_helper(stack, sender: str) -> None:
    stack.talk(sender, "/i_am_young_person")
    intro = plain(stack.talk(sender, "/start_my_views"))
    assert "24 hours" in intro and "Exit this page" in intro and "only for this chat" in intro
    assert "What is going well" in plain(stack.talk(sender, "/affirm"))


# -- the young person's voice and age ------------------------------------------------------------

def test_young_person_is_asked_their_age_only_when_it_matters(stack) -> None:
    sender = new_sender()
    stack.talk(sender, "/i_am_young_person")
    assert "how old" not in plain(stack.talk(sender, "/ask_what_is_conference")).lower()
    question = stack.talk(sender, "/ask_child_attend")
    assert "how old you are" in plain(question) and "/deny" in button_payloads(question)
    reply = plain(stack.talk(sender, "im 9"))
    assert "under 12" in reply and "you do not have to" in reply
    assert "/start_my_views" in button_payloads(stack.talk(sender, "/ask_have_to_go"))  # age known: no question


def test_a_young_person_of_twelve_or_more_hears_it_is_their_choice(stack) -> None:
    sender = new_sender()
    stack.talk(sender, "/i_am_young_person")
    stack.talk(sender, "/ask_have_to_go")
    reply = plain(stack.talk(sender, "13"))
    assert "12 or older" in reply and "your choice" in reply.lower() and "respected" in reply


def test_declining_to_give_an_age_gets_both_answers(stack) -> None:
    sender = new_sender()
    stack.talk(sender, "/i_am_young_person")
    stack.talk(sender, "/ask_child_attend")
    reply = plain(stack.talk(sender, "/deny"))
    assert "12 or older" in reply and "younger" in reply


def test_a_parent_is_not_asked_their_age(stack) -> None:
    sender = new_sender()
    stack.talk(sender, "/i_am_parent")
    reply = plain(stack.talk(sender, "/ask_have_to_go"))
    assert "how old" not in reply.lower() and "No one can make you go" in reply


def test_young_person_questions_have_answers(stack) -> None:
    sender = new_sender()
    stack.talk(sender, "/i_am_young_person")
    alone = plain(stack.talk(sender, "can i talk to someone without my mum there"))
    assert "on your own" in alone
    told = plain(stack.talk(sender, "how will i know what they decided"))
    assert "social worker should tell you" in told


# -- the "My views" helper -----------------------------------------------------------------------

GOING_WELL = "I like my school and my football club."
WORRIES = "I worry that I will have to change school."
WISHES = "I would like to stay with my nan at weekends."
NEW_WISHES = "I would like to see my dad more."


def test_the_whole_helper_with_skip_back_change_read_back_and_the_pdf(stack) -> None:
    sender = new_sender()
    start_helper(stack, sender)
    assert "What are you worried about" in plain(stack.talk(sender, GOING_WELL))
    assert "What would you like to happen" in plain(stack.talk(sender, "/skip"))
    back = stack.talk(sender, "/go_back")
    assert "What are you worried about" in plain(back) and "/keep_answer" not in button_payloads(back)
    assert "What would you like to happen" in plain(stack.talk(sender, WORRIES))
    assert "How would you like your views to be shared" in plain(stack.talk(sender, WISHES))
    assert "only the chair" in plain(stack.talk(sender, '/choose_share{"share_how": "chair_reads"}'))
    assert "first name" in plain(stack.talk(sender, "/deny"))
    readback = plain(stack.talk(sender, "Jordan"))
    for words in (GOING_WELL, WORRIES, WISHES, "I would like the chair to read out what I wrote.", "Jordan"):
        assert words in readback, words
    assert "Is this right?" in readback

    again = plain(stack.talk(sender, '/change_answer{"views_part": "wishes"}'))
    assert f"Before, you wrote: {WISHES}" in again
    readback = plain(stack.talk(sender, NEW_WISHES))
    assert NEW_WISHES in readback and WISHES not in readback

    done = stack.talk(sender, "/affirm")
    text = plain(done)
    assert "case record" not in text  # not verified: nothing can be sent
    pdf_url, html_url = PDF_LINK.search(text).group(0), HTML_LINK.search(text).group(0)
    assert pdf_url.startswith(stack.web_url) and sender not in pdf_url
    status, headers, body = fetch(pdf_url)
    assert status == 200 and headers["Content-Type"] == "application/pdf" and "no-store" in headers["Cache-Control"]
    pdf = normalised(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages))
    for words in (GOING_WELL, WORRIES, NEW_WISHES):
        assert words in pdf
    assert pdf.startswith("Jordan: my views for my meeting") and WISHES not in pdf
    status, _, page = fetch(html_url)
    assert status == 200 and b'lang="en"' in page and GOING_WELL.encode() in page

    stored = stack.tracker_events(sender)
    typed = str([e.get("text") for e in stored if e.get("event") == "user"])
    slots = str([e.get("value") for e in stored if e.get("event") == "slot" and e.get("name", "").startswith("views_")])
    for words in (GOING_WELL, WORRIES, WISHES, NEW_WISHES):
        assert words not in typed and words not in slots

    assert "deleted" in plain(stack.talk(sender, "/stop"))  # "I'm finished"
    assert fetch(pdf_url)[0] == 404
    assert draft_of(stack, sender) is None


def test_their_words_are_not_kept_in_the_tracker_store(stack) -> None:
    """Bot replies that read back their words must be masked too (see the report)."""
    sender = new_sender()
    start_helper(stack, sender)
    stack.talk(sender, GOING_WELL)
    for _ in range(5):
        stack.talk(sender, "/skip")
    stack.talk(sender, "/affirm")
    assert GOING_WELL not in str(stack.tracker_events(sender))


def test_stopping_part_way_deletes_what_they_wrote(stack) -> None:
    sender = new_sender()
    start_helper(stack, sender)
    stack.talk(sender, GOING_WELL)
    assert draft_of(stack, sender) is not None
    assert "deleted what you wrote" in plain(stack.talk(sender, "/stop"))
    assert draft_of(stack, sender) is None


def test_disclosure_mid_form_gets_childline_then_the_same_question(stack) -> None:
    sender = new_sender()
    start_helper(stack, sender)
    assert "What are you worried about" in plain(stack.talk(sender, GOING_WELL))
    reply = plain(stack.talk(sender, "my stepdad hits me when mum is at work"))
    assert "0800 1111" in reply and "999" in reply and "not your fault" in reply
    assert "I have not saved that answer" in reply
    assert reply.index("0800 1111") < reply.rindex("What are you worried about")
    draft = draft_of(stack, sender)
    assert draft.entry("going_well") == {"text": GOING_WELL} and draft.entry("worries") is None
    assert "stepdad" not in str(draft.answers)
    assert "What would you like to happen" in plain(stack.talk(sender, WORRIES))  # they carry on


def test_a_verified_young_person_sends_to_their_case_record_only_after_yes(stack) -> None:
    sender = new_sender()
    tag = uuid.uuid4().hex[:8]
    stack.talk(sender, "/i_am_young_person")
    assert "case reference" in plain(stack.talk(sender, "when is my conference"))
    stack.talk(sender, "CPC-DEMO-0001")
    assert "14 January 2027" in plain(stack.talk(sender, "WILLOW-1618"))
    stack.talk(sender, "/start_my_views")
    stack.talk(sender, "/affirm")
    stack.talk(sender, f"I like drawing ({tag}).")
    for _ in range(4):
        stack.talk(sender, "/skip")
    stack.talk(sender, "/skip")
    offer = plain(stack.talk(sender, "/affirm"))
    assert PDF_LINK.search(offer) and "case record" in offer
    assert "only send them if you say yes" in plain(stack.talk(sender, "what does that mean"))
    assert tag not in submitted(stack)
    assert "sent your views" in plain(stack.talk(sender, "/affirm"))
    assert tag in submitted(stack)


def submitted(stack) -> str:
    engine = sa.create_engine(stack.settings.database_url)
    try:
        with engine.connect() as connection:
            return " ".join(row.content for row in connection.execute(sa.text(
                "SELECT content FROM cases_submitted_views")))
    finally:
        engine.dispose()
