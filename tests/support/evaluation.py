"""Intent accuracy of the trained model on a held-out set, with a printed report."""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.aio import run_coroutine


@dataclass
class IntentReport:
    total: int = 0
    correct: int = 0
    per_intent: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    errors: list[tuple[str, str, str, float]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def recall(self, intent: str) -> float:
        right, seen = self.per_intent[intent]
        return right / seen if seen else 0.0

    def table(self, title: str) -> str:
        lines = [f"{title}: {self.correct}/{self.total} = {self.accuracy:.1%}"]
        lines += [f"  {intent:<28} {self.recall(intent):6.1%}  ({right}/{seen})"
                  for intent, (right, seen) in sorted(self.per_intent.items())]
        lines += [f"  MISS {expected} -> {got} ({confidence:.2f}): {text}"
                  for text, expected, got, confidence in self.errors]
        return "\n".join(lines)


def load_agent(model: Path) -> Any:
    """A trained model in this process, with Rasa's structured debug log (one line per message parsed) off."""
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    return Agent.load(str(model))


def parse_all(agent: Any, texts: list[str]) -> list[dict[str, Any]]:
    async def run() -> list[dict[str, Any]]:
        return [await agent.parse_message(text) for text in texts]

    return run_coroutine(run())


def evaluate(agent: Any, examples: list[tuple[str, str]]) -> IntentReport:
    report = IntentReport()
    parsed = parse_all(agent, [text for text, _ in examples])
    for (text, expected), result in zip(examples, parsed, strict=True):
        got = result["intent"]["name"]
        report.total += 1
        report.per_intent[expected][1] += 1
        if got == expected:
            report.correct += 1
            report.per_intent[expected][0] += 1
        else:
            report.errors.append((text, expected, got, result["intent"].get("confidence", 0.0)))
    return report
