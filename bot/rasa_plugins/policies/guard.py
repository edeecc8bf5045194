"""The guard policy: safety replies first, in every state, and never silence.

The NLU pipeline's SafetyAnnotator marks each user message with what the safety layer
found (`safety` in the parse data: the spaCy rules and the trained classifier). This policy
turns that into the first reply of the turn, whatever else is going on (a form half filled,
a look-up in progress); bot/safety/replies.py says which reply answers which finding:

1. a crisis gets its crisis response; then the conversation carries on where it was (an
   active form asks its question again), and where the message was also a clear question
   about the process, that question is answered too;
2. someone in Wales, Scotland or Northern Ireland is told the process differs there;
3. abuse towards staff gets a calm boundary reply;
4. distress, or danger the classifier is unsure of, gets a short, warm check-in that names 999
   and the helplines (outside a form), and a clear question in the message is answered after it;
5. a custom action that failed (action server down or slow) gets an apology and the menu.

Safety replies are plain domain responses rendered in Rasa's own process, so they never
depend on the action server or the NLG server.
The policy has nothing to learn; it outranks RulePolicy by priority.
"""
from __future__ import annotations

from typing import Any, Optional

from rasa.core.policies.policy import Policy, PolicyPrediction, SupportedData
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME, REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlg.suggestions import SURE_QUESTION, TOPIC_PREFIX, sure_topic
from bot.rasa_plugins.policies.turns import actions_this_turn
from bot.safety.replies import DISTRESS_RESPONSE, GUARD_RESPONSES, SERVICE_DOWN_RESPONSE, first_safety_reply

#: Crisis kinds after which a clear question in the same message is still answered.
ANSWER_QUESTION_AFTER = frozenset({"disclosure", "domestic_abuse", "neglect", "other_child", "distress"})
#: Custom actions that only add to an answer already given: when they fail, say nothing more.
OPTIONAL_ACTIONS = frozenset({"action_personal_context"})


def _failed_custom_action(tracker: DialogueStateTracker, domain: Domain) -> bool:
    """True when the last event is a custom action or form that returned nothing.

    Rasa logs a custom action with no events when the action server cannot be reached
    or fails; our actions always return at least one event.
    """
    if not tracker.events:
        return False
    last = tracker.events[-1]
    custom = set(domain.user_actions) | set(domain.form_names)
    return (
        isinstance(last, ActionExecuted)
        and last.action_name in custom
        and not last.action_name.startswith("utter_")
    )


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class GuardPolicy(Policy):
    """Deterministic safety-first policy (see the module docstring)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"priority": 8, "question_confidence": SURE_QUESTION}

    @staticmethod
    def supported_data() -> SupportedData:
        return SupportedData.ML_AND_RULE_DATA

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        featurizer: Optional[Any] = None,
    ) -> None:
        super().__init__(config, model_storage, resource, execution_context, featurizer)

    def train(self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[dict[str, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        decision = self._decide(tracker, domain)
        if decision is None:
            return self._prediction(self._default_predictions(domain))
        action, events = decision
        probabilities = self._default_predictions(domain)
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, events=events, is_no_user_prediction=True)

    def _decide(self, tracker: DialogueStateTracker, domain: Domain) -> Optional[tuple[str, list]]:
        message = tracker.latest_message
        if message is None or not message.text and not message.intent:
            return None
        done = actions_this_turn(tracker)
        if _failed_custom_action(tracker, domain):
            if tracker.events[-1].action_name in OPTIONAL_ACTIONS:
                return ACTION_LISTEN_NAME, []  # the answer was given; only an extra was lost
            return SERVICE_DOWN_RESPONSE, [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None)]
        if SERVICE_DOWN_RESPONSE in done:
            return (ACTION_LISTEN_NAME, []) if done[-1] == SERVICE_DOWN_RESPONSE else None
        findings = message.parse_data.get("safety") or []
        first = first_safety_reply(findings)
        if first is None or (first == DISTRESS_RESPONSE and tracker.active_loop_name):
            return None  # an answer to a form's question (a young person's worries) is not a cry for help
        replied = [name for name in done if name in GUARD_RESPONSES]
        if not replied:
            return first, []
        if done[-1] in GUARD_RESPONSES:
            return self._follow_up(tracker, domain, findings)
        if done[-1].startswith("utter_"):
            return ACTION_LISTEN_NAME, []  # the question in the same message was answered
        return None  # an active form asked again; RulePolicy finishes its turn

    def _question_answer(self, tracker: DialogueStateTracker, domain: Domain) -> Optional[str]:
        """The topic answer for the latest message, when it was clearly a question about the process."""
        name = sure_topic(tracker.latest_message.intent or {}, self.config["question_confidence"])
        answer = f"utter_{name[len(TOPIC_PREFIX):]}" if name else None
        return answer if answer in domain.responses else None

    def _follow_up(self, tracker: DialogueStateTracker, domain: Domain,
                   findings: list[dict[str, Any]]) -> tuple[str, list]:
        """After the guard's reply: carry on where the user was.

        An active form asks its question again. Rasa already copied the message into the
        slot the form was asking for, and a form does not validate after a bot reply, so
        that value is cleared first: a disclosure never becomes a form answer.
        """
        if tracker.active_loop_name:
            requested = tracker.get_slot(REQUESTED_SLOT)
            return tracker.active_loop_name, [SlotSet(requested, None)] if requested else []
        categories = {finding.get("category") for finding in findings}
        answer = self._question_answer(tracker, domain)
        if answer and categories <= ANSWER_QUESTION_AFTER:
            return answer, []
        return ACTION_LISTEN_NAME, []
