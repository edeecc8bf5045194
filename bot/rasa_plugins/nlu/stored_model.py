"""A trainable NLU component whose whole state is one model file in Rasa's model storage."""
from __future__ import annotations

import logging
from typing import Any, ClassVar, Optional, TypeVar

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage

from bot.classify.linear import LinearTextModel

logger = logging.getLogger(__name__)
Component = TypeVar("Component", bound="StoredModelComponent")


class StoredModelComponent(GraphComponent):
    """Creates, saves and loads the model; a missing model is logged, and the component runs without it."""

    #: The file inside the component's resource.
    model_file: ClassVar[str]
    #: What the component does without its model, for the log.
    without_model: ClassVar[str]

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[LinearTextModel] = None) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(cls: type[Component], config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> Component:
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls: type[Component], config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> Component:
        try:
            with model_storage.read_from(resource) as directory:
                return cls(config, model_storage, resource, joblib.load(directory / cls.model_file))
        except (ValueError, FileNotFoundError):
            logger.error("%s has no trained model: %s Retrain.", cls.__name__, cls.without_model)
            return cls(config, model_storage, resource)

    def save_model(self, model: LinearTextModel) -> Resource:
        self._model = model
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(model, directory / self.model_file, compress=3)
        return self._resource
