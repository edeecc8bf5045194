"""The trained model: data validation, held-out intent accuracy, and dialogue test stories."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bot.ops.training import TRAINING_DATA, rasa_command, train_if_needed
from bot.settings import PROJECT_ROOT
from tests.support.evaluation import evaluate, load_agent
from tests.support.nlu_data import read_examples
from tests.support.test_data import SAME_VOICE_DIR


@pytest.fixture(scope="module")
def model() -> Path:
    """The model for the current training data (trained first if it is missing)."""
    return train_if_needed()


@pytest.fixture(scope="module")
def agent(model: Path):
    return load_agent(model)


def test_training_data_validates_without_warnings() -> None:
    result = subprocess.run(
        rasa_command("data", "validate", "--fail-on-warnings", "--domain", "domain", "--data", *TRAINING_DATA,
                     "--config", "config.yml"),
        cwd=PROJECT_ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_english_heldout_intents(agent) -> None:
    report = evaluate(agent, read_examples(SAME_VOICE_DIR / "nlu_heldout_en.yml"))
    print("\n" + report.table("English held-out intent accuracy"))
    assert report.accuracy >= 0.95
    weak = {intent: report.recall(intent) for intent in report.per_intent if report.recall(intent) < 0.8}
    assert not weak, f"intents under 80%: {weak}"


@pytest.mark.parametrize("language", ["pl", "ro"])
def test_polish_and_romanian_heldout_intents(agent, language: str) -> None:
    report = evaluate(agent, read_examples(SAME_VOICE_DIR / f"nlu_heldout_{language}.yml"))
    print("\n" + report.table(f"{language} held-out intent accuracy"))
    assert report.accuracy >= 0.85


def test_indexed_rule_search_finds_the_rules_rasa_finds(agent) -> None:
    """bot/rasa_plugins/rule_lookup.py must pick exactly the rules Rasa's own search picks.

    The conversations tried are every rule's own states, each also cut to its last turns, and the
    same with an intent no rule names and at a conversation's start.
    """
    from rasa.core.policies.rule_policy import RulePolicy

    from bot.rasa_plugins.rule_lookup import RASA_SEARCH, possible_keys

    policy = next(node._component for node in agent.processor.graph_runner._instantiated_nodes.values()
                  if isinstance(getattr(node, "_component", None), RulePolicy))
    compared = 0
    for lookup in (policy.lookup["rules"], policy.lookup["rules_for_loop_unhappy_path"]):
        for key in lookup:
            states = RulePolicy._rule_key_to_state(key)
            unknown = {**states[-1], "user": {"intent": "no_rule_names_this"}}
            for conversation in (states, states[-1:], states[:-1] + [unknown], [{}]):
                assert possible_keys(policy, lookup, conversation) == RASA_SEARCH(policy, lookup, conversation)
                compared += 1
    assert compared > 2000


def test_dialogue_stories(model: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        rasa_command("test", "core", "--stories", "tests/stories", "--model", str(model),
                     "--fail-on-prediction-errors", "--out", str(tmp_path)),
        cwd=PROJECT_ROOT, capture_output=True, text=True,
    )
    failed = (tmp_path / "failed_test_stories.yml")
    details = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, (result.stdout[-3000:] + result.stderr[-3000:] + details[-3000:])
