"""Rasa NLU component: a clear parent or professional marker decides the intent (issue 10).

Runs after DIET and the ResponseSelectors, before the FallbackClassifier. The logic and the
reasons are in ``engine/role_markers.py``; the patterns are the training data's regexes
(``nlu_data/roles.yml``), saved with the model so a running engine needs no data files.
Listed in config.yml as ``engine.role_component.RoleMarkers`` (Rasa puts its working directory,
the project root, on the import path).
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from engine.role_markers import MARKERS, compile_markers, role_intent

_FILE = "role_markers.json"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class RoleMarkers(GraphComponent):
    def __init__(
        self, model_storage: ModelStorage, resource: Resource, patterns: Dict[Text, List[Text]]
    ) -> None:
        self._storage = model_storage
        self._resource = resource
        self._patterns = patterns
        self._markers = compile_markers(patterns)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "RoleMarkers":
        return cls(model_storage, resource, {})

    def train(self, training_data: TrainingData) -> Resource:
        patterns: Dict[Text, List[Text]] = {}
        for regex in training_data.regex_features:
            if regex.get("name") in MARKERS:
                patterns.setdefault(regex["name"], []).append(regex["pattern"])
        self._patterns, self._markers = patterns, compile_markers(patterns)
        with self._storage.write_to(self._resource) as folder:
            (folder / _FILE).write_text(json.dumps(patterns), encoding="utf-8")
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "RoleMarkers":
        try:
            with model_storage.read_from(resource) as folder:
                patterns = json.loads((folder / _FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            patterns = {}
        return cls(model_storage, resource, patterns)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._decide(message)
        return messages

    def _decide(self, message: Message) -> None:
        intent = message.get("intent") or {}
        name = intent.get("name")
        if not isinstance(name, str):
            return
        ranking = message.get("intent_ranking") or []
        answer = _retrieval_answer(message, name)
        new = role_intent(
            self._markers, message.get("text") or "", name, answer, [r.get("name") for r in ranking]
        )
        if new is None:
            return
        message.set("intent", {"name": new, "confidence": 1.0}, add_to_output=True)
        rest = [r for r in ranking if r.get("name") != new]
        message.set("intent_ranking", [{"name": new, "confidence": 1.0}, *rest], add_to_output=True)


def _retrieval_answer(message: Message, intent: Text) -> Optional[Text]:
    selected = (message.get("response_selector") or {}).get(intent) or {}
    key = (selected.get("response") or {}).get("intent_response_key")
    return key if isinstance(key, str) else None
