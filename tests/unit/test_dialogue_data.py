"""The dialogue data stays complete: every topic answered, every longer answer reachable."""
from __future__ import annotations

import re
import string

import yaml

from bot.nlg.responses import read_responses, read_sources
from bot.profile import PLACEHOLDERS
from bot.settings import DATA_DIR, DOMAIN_DIR

TOPIC_EXCEPTIONS = {"ask_source", "ask_my_conference", "ask_my_reports", "ask_access_code", "ask_my_dates"}
#: Placeholders actions fill at run time (case look-up) and the NLG server computes.
RUNTIME_PLACEHOLDERS = {
    "last_source", "conference_type", "conference_date", "conference_time", "venue", "joining_instructions",
    "team_phone", "agency", "shared_date", "due_date", "core_group_date", "first_review_date", "record_date",
    "next_review_date", "lock_minutes", "idle_minutes", "views_answer", "views_pdf_link", "views_html_link",
    "max_chars", "review_date",
}


def _topic_intents() -> list[str]:
    intents = yaml.safe_load((DOMAIN_DIR / "core.yml").read_text())["intents"]
    return [intent for intent in intents if intent.startswith("ask_") and intent not in TOPIC_EXCEPTIONS]


def _rules() -> list[dict]:
    rules = []
    for path in (DATA_DIR / "rules").glob("*.yml"):
        rules += yaml.safe_load(path.read_text())["rules"]
    return rules


def test_every_topic_has_an_answer_with_a_known_source() -> None:
    responses, sources = read_responses(), read_sources()
    for intent in _topic_intents():
        variations = responses[f"utter_{intent[4:]}"]
        for variation in variations:
            assert variation["metadata"]["source"] in sources, intent


#: After these answers the person's own date follows (actions/personal_context.py).
PERSONAL_CONTEXT = ("action", "action_personal_context")


def test_every_topic_and_every_longer_answer_has_its_rule() -> None:
    steps = [[next(iter(step.items())) for step in rule["steps"]] for rule in _rules()]
    for intent in _topic_intents():
        answer = [("intent", intent), ("action", f"utter_{intent[4:]}")]
        assert answer in steps or [*answer, PERSONAL_CONTEXT] in steps, intent
    for name in read_responses():
        if name.endswith("_more"):
            more = [("intent", "tell_me_more"), ("action", name)]
            assert ([("action", name[:-5]), *more] in steps
                    or [("action", name[:-5]), PERSONAL_CONTEXT, *more] in steps), name


def test_answers_use_only_known_placeholders_and_no_council_numbers() -> None:
    known = set(PLACEHOLDERS) | RUNTIME_PLACEHOLDERS
    for name, variations in read_responses().items():
        for variation in variations:
            text = variation.get("text", "")
            fields = {field for _, field, _, _ in string.Formatter().parse(text) if field}
            assert fields <= known, (name, fields - known)
            for number in ("0808", "0800", "116 123", "15 working", "10 working"):
                assert number not in text, (name, number)


def test_responses_registered_as_sent_by_actions_are_really_sent_by_them() -> None:
    registered = [rule["steps"][0]["action"]
                  for rule in yaml.safe_load((DATA_DIR / "rules" / "sent_by_actions.yml").read_text())["rules"]]
    sources = "\n".join(path.read_text() for path in (DATA_DIR.parent / "actions").glob("*.py"))
    built = tuple(re.findall(r'f"(utter_[a-z_]+)\{', sources))  # names an action builds, e.g. f"utter_said_{part}"
    unused = [name for name in registered
              if name not in sources and not name.startswith(("utter_ask_", *built))]
    assert not unused, f"registered but never sent by an action: {unused}"
