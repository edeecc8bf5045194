"""The guard policy's decisions on real Rasa trackers (no model needed)."""
from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_plugins.policies.guard import GuardPolicy
from bot.settings import DOMAIN_DIR


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(DOMAIN_DIR))


@pytest.fixture()
def policy(tmp_path: Path) -> GuardPolicy:
    return GuardPolicy.create(GuardPolicy.get_default_config(), LocalModelStorage(tmp_path), Resource("guard"),
                              ExecutionContext(GraphSchema({})))


def tracker(domain: Domain, *events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("t", [ActionExecuted("action_listen"), *events], domain.slots)


def said(text: str, intent: str = "ask_supporter", confidence: float = 0.9, safety=()) -> UserUttered:
    return UserUttered(text, {"name": intent, "confidence": confidence},
                       parse_data={"text": text, "intent": {"name": intent, "confidence": confidence},
                                   "safety": list(safety)})


def predicted(policy: GuardPolicy, domain: Domain, state: DialogueStateTracker) -> str | None:
    prediction = policy.predict_action_probabilities(state, domain)
    if max(prediction.probabilities) == 0:
        return None
    return domain.action_names_or_texts[prediction.probabilities.index(1.0)]


def test_quiet_when_nothing_was_found(policy, domain) -> None:
    assert predicted(policy, domain, tracker(domain, said("can i bring a friend"))) is None


def test_danger_first_then_listen(policy, domain) -> None:
    state = tracker(domain, said("hes at the door", safety=[{"category": "danger_now"}]))
    assert predicted(policy, domain, state) == "utter_crisis_danger"
    state.update(ActionExecuted("utter_crisis_danger"))
    assert predicted(policy, domain, state) == "action_listen"


def test_disclosure_with_a_question_gets_both(policy, domain) -> None:
    state = tracker(domain, said("he hits me can i attend separately", "ask_exclusion",
                                 safety=[{"category": "domestic_abuse"}]))
    assert predicted(policy, domain, state) == "utter_crisis_domestic_abuse"
    state.update(ActionExecuted("utter_crisis_domestic_abuse"))
    assert predicted(policy, domain, state) == "utter_exclusion"
    state.update(ActionExecuted("utter_exclusion"))
    assert predicted(policy, domain, state) == "action_listen"


def test_an_active_form_asks_again_without_keeping_the_message(policy, domain) -> None:
    state = tracker(domain, ActiveLoop("case_login_form"), SlotSet("requested_slot", "case_reference"),
                    said("i want to die", "inform", safety=[{"category": "self_harm"}]),
                    SlotSet("case_reference", "i want to die"), ActionExecuted("utter_crisis_self_harm"))
    prediction = policy.predict_action_probabilities(state, domain)
    assert domain.action_names_or_texts[prediction.probabilities.index(1.0)] == "case_login_form"
    assert SlotSet("case_reference", None) in prediction.events


def test_other_nations_and_abuse(policy, domain) -> None:
    wales = tracker(domain, said("we live in cardiff", safety=[{"category": "jurisdiction", "nation": "wales"}]))
    assert predicted(policy, domain, wales) == "utter_jurisdiction_wales"
    rude = tracker(domain, said("useless bot", safety=[{"category": "abusive"}]))
    assert predicted(policy, domain, rude) == "utter_abuse_boundary"


def test_a_custom_action_that_returned_nothing_is_a_failure(policy, domain) -> None:
    state = tracker(domain, said("when is my conference", "ask_my_conference"), ActionExecuted("case_login_form"))
    prediction = policy.predict_action_probabilities(state, domain)
    assert domain.action_names_or_texts[prediction.probabilities.index(1.0)] == "utter_service_unavailable"
    assert ActiveLoop(None) in prediction.events
