"""Turns that depend on the answer just given, which rules cannot express for 110 topics.

1. "No" right after a topic answer means "that is not what I asked": offer the next likeliest
   topics (utter_other_topics), with a short apology, instead of the plain "no" reply.
2. A question whose answer differs for a young person, asked while nobody has said who they
   are: ask once whether they are a parent or carer or a young person, then answer the
   question they asked in the right voice. A young person's question never gets a parent's
   answer by default, and nobody is asked twice.
3. A young person who types their views at "Are you ready to start?" instead of pressing Yes:
   their words become the first answer (after saying once what happens to them), and the
   helper carries on with the next question.

Deterministic: it has nothing to learn. It ranks below the guard policy (safety first) and
above the rules.
"""
from __future__ import annotations

from typing import Any, Optional

from rasa.core.policies.policy import Policy, PolicyPrediction, SupportedData
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlg.suggestions import TOPIC_PREFIX
from bot.rasa_plugins.nlu.topic_classifier import AUDIENCE_ANSWERS
from bot.rasa_plugins.policies.turns import actions_this_turn

OTHER_TOPICS = "utter_other_topics"
WHICH_AUDIENCE = "utter_which_audience"
VIEWS_START = "action_views_start"
TOOK_FIRST_ANSWER = "utter_views_took_first_answer"
FIRST_VIEWS_SLOT = "views_going_well"
VIEWS_FORM = "views_form"
#: Replies at "Are you ready to start?" that are not the young person's views.
NOT_VIEWS = {"affirm", "deny", "stop", "menu", "goodbye", "start_my_views", "skip"}
#: Actions that only add to an answer (the person's own date): not the answer itself.
ANSWER_EXTRAS = {ACTION_LISTEN_NAME, "action_personal_context"}
PENDING_SLOT = "pending_topic"
ASKED_SLOT = "audience_asked"


def _last_bot_action_before_user(tracker: DialogueStateTracker) -> Optional[str]:
    """The last action run before the latest user message (not counting listening or answer extras)."""
    seen_user = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            if seen_user:
                return None
            seen_user = True
        elif seen_user and isinstance(event, ActionExecuted) and event.action_name not in ANSWER_EXTRAS:
            return event.action_name
    return None


def _has_young_person_wording(response: str, domain: Domain) -> bool:
    return any(condition.get("name") == "audience" and condition.get("value") == "young_person"
               for variation in domain.responses.get(response) or []
               for condition in variation.get("condition") or [])


def _is_topic_answer(action: str, domain: Domain) -> bool:
    return action.startswith("utter_") and f"{TOPIC_PREFIX}{action[len('utter_'):]}" in domain.intents


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class FollowUpPolicy(Policy):
    """See the module docstring."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"priority": 7}

    @staticmethod
    def supported_data() -> SupportedData:
        return SupportedData.ML_AND_RULE_DATA

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 execution_context: ExecutionContext, featurizer: Optional[Any] = None) -> None:
        super().__init__(config, model_storage, resource, execution_context, featurizer)

    def train(self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: Optional[dict[str, Any]] = None,
                                     **kwargs: Any) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        decision = self._decide(tracker, domain)
        if decision is None:
            return self._prediction(probabilities)
        action, events = decision
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, events=events, is_no_user_prediction=True)

    def _decide(self, tracker: DialogueStateTracker, domain: Domain) -> Optional[tuple[str, list]]:
        message = tracker.latest_message
        if message is None or tracker.active_loop_name or (message.parse_data.get("safety") or []):
            return None
        intent = (message.intent or {}).get("name") or ""
        done = actions_this_turn(tracker)[::-1]  # latest first
        if done:
            if done[0] == TOOK_FIRST_ANSWER:
                return VIEWS_FORM, []
            # After one of our replies the turn is over; anything else (rules, forms) carries on by itself.
            ours = done[0] in (OTHER_TOPICS, WHICH_AUDIENCE) or (
                intent in AUDIENCE_ANSWERS and len(done) == 1 and _is_topic_answer(done[0], domain))
            return (ACTION_LISTEN_NAME, []) if ours else None
        previous = _last_bot_action_before_user(tracker) or ""
        if previous == VIEWS_START and intent not in NOT_VIEWS and not (message.text or "/").startswith("/"):
            return TOOK_FIRST_ANSWER, [SlotSet(FIRST_VIEWS_SLOT, message.text)]
        if intent == "deny" and _is_topic_answer(previous, domain):
            return OTHER_TOPICS, []
        pending = tracker.get_slot(PENDING_SLOT)
        if pending and intent in AUDIENCE_ANSWERS:
            return f"utter_{pending[len(TOPIC_PREFIX):]}", [SlotSet(PENDING_SLOT, None)]
        answer = f"utter_{intent[len(TOPIC_PREFIX):]}"
        if (intent.startswith(TOPIC_PREFIX) and tracker.get_slot("audience") is None
                and not tracker.get_slot(ASKED_SLOT)
                and _has_young_person_wording(answer, domain)):
            return WHICH_AUDIENCE, [SlotSet(ASKED_SLOT, True), SlotSet(PENDING_SLOT, intent)]
        return None
