"""The trained assistant end to end over its REST channel, with its real servers."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

import pytest

from tests.support.stack import button_payloads, texts

pytestmark = pytest.mark.e2e


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex}"


def test_greeting_asks_who_you_are_and_offers_topics(stack) -> None:
    sender = new_sender()
    replies = stack.talk(sender, "hello")
    assert "Child Protection Conference" in texts(replies)
    assert {"/i_am_parent", "/i_am_young_person", "/i_am_interpreter"} <= set(button_payloads(replies))
    replies = stack.talk(sender, "im a parent")
    assert "/menu_people" in button_payloads(replies)


def parent(stack) -> str:
    """A new conversation with someone who has said they are a parent or carer."""
    sender = new_sender()
    stack.talk(sender, "/i_am_parent")
    return sender


@pytest.mark.parametrize("text", ["menu", "start again", "what can you do"])
def test_menu_comes_back_at_any_point(stack, text: str) -> None:
    sender = new_sender()
    stack.talk(sender, "what is a core group")
    assert "/menu_decisions" in button_payloads(stack.talk(sender, text))


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        ("when will i get the reports before the conference", ["2 working days", "3 working days"]),
        ("can my 13 year old come to the conference", ["12"]),
        ("i need an interpreter for the meeting", ["interpreter"]),
        ("can i bring a friend with me", ["friend"]),
        ("how often does the core group meet", ["10 working days", "4 to 6 weeks"]),
        ("when is the first review", ["3 months", "6 months"]),
        ("what are the categories of abuse on a plan", ["neglect", "emotional"]),
        ("how do i complain about the conference", ["chair"]),
        ("what if i dont agree with the decision", ["record", "chair"]),
        ("can i get legal aid", ["legal aid"]),
    ],
)
def test_answers_state_the_facts_and_their_source(stack, question: str, facts: list[str]) -> None:
    reply = texts(stack.talk(parent(stack), question))
    for fact in facts:
        assert fact.lower() in reply.lower(), reply
    assert "Where this comes from:" in reply


def test_tell_me_more_and_source_on_request(stack) -> None:
    sender = parent(stack)
    first = stack.talk(sender, "what happens if i am excluded from the conference")
    assert "/tell_me_more" in button_payloads(first)
    more = texts(stack.talk(sender, "tell me more"))
    assert more and more != texts(first)
    source = texts(stack.talk(sender, "where does that come from?"))
    assert "section" in source


def test_young_person_gets_answers_written_for_them(stack) -> None:
    sender = new_sender()
    stack.talk(sender, "/i_am_young_person")
    young = texts(stack.talk(sender, "/ask_child_attend"))
    parent = texts(stack.talk(new_sender(), "/ask_child_attend"))
    assert young != parent and "you" in young.lower()


def test_small_talk_and_out_of_scope(stack) -> None:
    assert "computer" in texts(stack.talk(new_sender(), "are you a real person?")).lower()
    handoff = texts(stack.talk(new_sender(), "can i talk to a human"))
    assert "social worker" in handoff and "0808 801 0366" in handoff
    weather = texts(stack.talk(new_sender(), "what's the weather like tomorrow"))
    assert "questions about Child Protection Conferences" in weather


def test_conversation_survives_a_rasa_restart(stack) -> None:
    sender = parent(stack)
    stack.talk(sender, "what is a core group")
    stack.stop_service("rasa")
    stack.start_service("rasa")
    assert stack.tracker_events(sender)
    more = texts(stack.talk(sender, "tell me more"))
    assert "no more to add" not in more  # the context (the last answer) came back from the store


def post_raw(url: str, body: bytes, content_type: str = "application/json") -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


@pytest.mark.parametrize(
    "body",
    [
        json.dumps({"sender": "bad-1", "message": ""}).encode(),
        json.dumps({"sender": "bad-2", "message": "a" * 20000}).encode(),
        json.dumps({"sender": "bad-3", "message": "😀😀😀🙏"}).encode(),
        json.dumps({"sender": "bad-4", "message": "/no_such_intent{\"x\": 1}"}).encode(),
        json.dumps({"sender": "bad-5", "message": "/ask_reports{broken json"}).encode(),
        b"{not json",
        b"\x00\xff\xfe binary",
        json.dumps(["a", "list"]).encode(),
    ],
)
def test_bad_input_gets_a_reply_or_a_4xx_and_the_server_keeps_serving(stack, body: bytes) -> None:
    status, content = post_raw(f"{stack.rasa_url}/webhooks/rest/webhook", body)
    assert status == 200 or 400 <= status < 500, (status, content[:500])
    if status == 200:
        assert json.loads(content), "a polite reply, never silence"
    assert "friend" in texts(stack.talk(new_sender(), "can i bring a friend"))


def test_rasa_http_api_needs_the_token(stack) -> None:
    for path, method in (("/status", "GET"), ("/conversations/x/tracker", "GET"), ("/conversations/x/story", "GET"),
                         ("/model/parse", "POST"), ("/conversations/x/tracker/events", "POST")):
        request = urllib.request.Request(f"{stack.rasa_url}{path}", data=b"{}" if method == "POST" else None,
                                         method=method)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code in (401, 403), path
    with urllib.request.urlopen(f"{stack.rasa_url}/status?token={stack.rasa_token}", timeout=10) as response:
        assert response.status == 200


@pytest.mark.parametrize("service", ["ACTION_SERVER_URL", "NLG_URL"])
def test_internal_services_need_their_secret(stack, service: str) -> None:
    base = stack.supervisor.env[service]
    path = "/webhook" if service == "ACTION_SERVER_URL" else "/nlg"
    forged = json.dumps({"next_action": "action_forget_me", "response": "utter_greet"}).encode()
    status, _ = post_raw(f"{base}{path}", forged)
    assert status == 401


def test_action_server_down_gets_an_apology_and_general_answers_still_work(stack) -> None:
    stack.stop_service("actions")
    try:
        sender = new_sender()
        reply = texts(stack.talk(sender, "when is my conference"))
        assert "try again" in reply.lower()
        assert "friend" in texts(stack.talk(sender, "can i bring a friend"))
    finally:
        stack.start_service("actions")
