"""Base for our untrained NLU steps: each adds something to every message it sees."""
from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message


class MessageAnnotator(GraphComponent):
    """Calls `annotate` for each message; a button payload ("/intent{...}") is flagged as such."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MessageAnnotator:
        return cls.build()

    @classmethod
    def build(cls) -> MessageAnnotator:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            self.annotate(message, text, is_payload=text.startswith("/"))
        return messages

    def annotate(self, message: Message, text: str, is_payload: bool) -> None:
        raise NotImplementedError
