"""Issue 9: a distress message that reached Rasa gets the check-in with the lines, no Join us answer."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.fallback
from actions.fallback import ActionDistress
from bot.answers.facts import Facts

ROOT = Path(__file__).resolve().parents[2]


def _tracker() -> Tracker:
    latest = {"text": "het gaat echt niet goed met me", "intent": {"name": "distress", "confidence": 0.8}}
    return Tracker("pseudonym-1", {}, latest, [], False, None, {}, None)


async def test_distress_gets_the_check_in_with_the_lines(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "facts.yml"
    path.write_text(yaml.safe_dump({"crisis_lines": {"kindertelefoon": "De Kindertelefoon (0800-0432)"}}))
    monkeypatch.setattr(actions.fallback, "facts", lambda: Facts(path))
    dispatcher = CollectingDispatcher()
    events = await ActionDistress().run(dispatcher, _tracker(), {})
    assert events == []
    [message] = dispatcher.messages
    assert "0800-0432" in message["text"] and "112" in message["text"]
    assert not message.get("buttons") and not message.get("response")


def test_the_distress_intent_is_answered_by_the_action_in_the_rules() -> None:
    rules = yaml.safe_load((ROOT / "stories" / "youth_fallback.yml").read_text(encoding="utf-8"))["rules"]
    steps = [r["steps"] for r in rules if r["steps"][0].get("intent") == "distress"]
    assert steps == [[{"intent": "distress"}, {"action": ActionDistress().name()}]]
