"""Parents and professionals are answered with "u": the domain's FAQ variants and the facts answers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.about
from actions.about import ActionAnswerCost, ActionAnswerWhenWhere, ActionAnswerWhoIsItFor
from bot.answers.facts import Facts

# Words that address the reader informally.
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.IGNORECASE)
ROLES = ("parent", "professional")


def responses() -> dict[str, list[dict[str, Any]]]:
    merged: dict[str, list[dict[str, Any]]] = {}
    for path in Path("domain").glob("*.yml"):
        merged.update(yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {})
    return merged


def role_of(variation: dict[str, Any]) -> str | None:
    for condition in variation.get("condition") or []:
        if condition.get("name") == "visitor_role":
            return str(condition["value"])
    return None


ABOUT = [
    name for name in responses() if name.startswith("utter_faq/") or name == "utter_what_is_joinus"
]


@pytest.mark.parametrize("name", ABOUT)
def test_every_informal_answer_has_a_formal_one_per_adult_role(name: str) -> None:
    variations = responses()[name]
    default = [v for v in variations if role_of(v) is None]
    assert len(default) >= 1, "a young person's answer stays the default"
    if not any(INFORMAL.search(v["text"]) for v in default):
        return  # already neutral ("jongeren ...")
    for role in ROLES:
        formal = [v for v in variations if role_of(v) == role]
        assert formal, f"{name} has no variant for a {role}"
        for variation in formal:
            assert not INFORMAL.search(variation["text"]), variation["text"]
            payloads = [b["payload"] for b in variation.get("buttons") or []]
            assert "/express_interest" not in payloads  # the young person's own interest form


def tracker(role: str | None) -> Tracker:
    return Tracker(
        sender_id="pseudonym-1",
        slots={"visitor_role": role},
        latest_message={},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )


@pytest.fixture(autouse=True)
def no_facts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Nothing filled in: the answers say so and point to Join us, the wording that addresses.
    path = tmp_path / "facts.yml"
    path.write_text("{}", encoding="utf-8")
    loaded = Facts(path)
    monkeypatch.setattr(actions.about, "facts", lambda: loaded)


@pytest.mark.parametrize(
    "action", [ActionAnswerCost, ActionAnswerWhenWhere, ActionAnswerWhoIsItFor]
)
@pytest.mark.parametrize("role", ROLES)
async def test_facts_answers_for_adults_say_u(action: type[Any], role: str) -> None:
    dispatcher = CollectingDispatcher()
    await action().run(dispatcher, tracker(role), {})
    text = dispatcher.messages[0]["text"]
    assert not INFORMAL.search(text), text


@pytest.mark.parametrize("action", [ActionAnswerCost, ActionAnswerWhoIsItFor])
async def test_facts_answers_for_young_people_say_je(action: type[Any]) -> None:
    dispatcher = CollectingDispatcher()
    await action().run(dispatcher, tracker(None), {})
    assert INFORMAL.search(dispatcher.messages[0]["text"])
