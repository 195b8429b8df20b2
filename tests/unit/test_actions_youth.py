"""Youth actions with real rasa_sdk Trackers and CollectingDispatcher: events and replies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.about
import actions.fallback
import actions.handoff
from actions.about import ActionAnswerCost, ActionAnswerWhenWhere, ActionAnswerWhoIsItFor
from actions.fallback import ActionAskAffirmation, ActionDefaultFallback, ActionOutOfScope
from actions.handoff import ActionHumanHandoff
from bot.answers.facts import Facts
from bot.staff.insights import InsightsService
from bot.storage.db import Database, migrate


def tracker(
    latest: dict[str, Any] | None = None, events: list[dict[str, Any]] | None = None
) -> Tracker:
    return Tracker(
        sender_id="pseudonym-1",
        slots={},
        latest_message=latest or {},
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )


def parse(
    ranking: list[tuple[str, float]], faq: list[tuple[str, float]] | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "text": "iets onduidelijks",
        "intent": {"name": ranking[0][0], "confidence": ranking[0][1]},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
    }
    if faq is not None:
        data["response_selector"] = {
            "faq": {"ranking": [{"intent_response_key": n, "confidence": c} for n, c in faq]}
        }
    return data


def use_facts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data: dict[str, Any]) -> None:
    path = tmp_path / "facts.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    facts = Facts(path)
    for module in (actions.about, actions.handoff):
        monkeypatch.setattr(module, "facts", lambda: facts)


@pytest.fixture
def insights(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> InsightsService:
    url = f"sqlite:///{tmp_path / 'joinus.db'}"
    migrate(url)
    service = InsightsService(Database(url))
    monkeypatch.setattr(actions.fallback, "insights", lambda: service)
    return service


async def run(action: Any, t: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, t, {})
    return events, dispatcher.messages


def test_action_names_match_the_domain() -> None:
    names = {
        ActionAnswerWhenWhere().name(),
        ActionAnswerWhoIsItFor().name(),
        ActionAnswerCost().name(),
        ActionHumanHandoff().name(),
        ActionAskAffirmation().name(),
        ActionDefaultFallback().name(),
        ActionOutOfScope().name(),
    }
    declared: set[str] = set()
    for path in Path("domain").glob("*.yml"):
        declared.update(yaml.safe_load(path.read_text(encoding="utf-8")).get("actions") or [])
    assert names <= declared


async def test_cost_facts_present_are_included(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    use_facts(monkeypatch, tmp_path, {"evenings": {"cost": "gratis"}})
    events, messages = await run(ActionAnswerCost(), tracker())
    assert events == []
    assert "gratis" in messages[0]["text"]


async def test_cost_facts_missing_gives_honest_answer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    use_facts(monkeypatch, tmp_path, {"evenings": {"cost": ""}, "contact": {"email": "a@b.nl"}})
    _, messages = await run(ActionAnswerCost(), tracker())
    assert "weet ik niet zeker" in messages[0]["text"] and "a@b.nl" in messages[0]["text"]


async def test_when_where_and_who(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    use_facts(
        monkeypatch,
        tmp_path,
        {"evenings": {"times": "19-21 uur"}, "groups": {"current": "12-18 Veghel"}},
    )
    _, messages = await run(ActionAnswerWhenWhere(), tracker())
    assert "19-21 uur" in messages[0]["text"] and "waar precies" in messages[0]["text"].lower()
    _, messages = await run(ActionAnswerWhoIsItFor(), tracker())
    assert "12-18 Veghel" in messages[0]["text"]


async def test_handoff_offers_interest_flow(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    use_facts(monkeypatch, tmp_path, {"contact": {"phone": "0413 000", "office_hours": "di 10-12"}})
    _, messages = await run(ActionHumanHandoff(), tracker())
    text = messages[0]["text"]
    assert "0413 000" in text and "di 10-12" in text
    assert {"title": "Ja, neem contact met me op", "payload": "/express_interest"} in messages[0][
        "buttons"
    ]


async def test_handoff_without_contact_details_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    use_facts(monkeypatch, tmp_path, {})
    _, messages = await run(ActionHumanHandoff(), tracker())
    assert "heb ik nu niet" in messages[0]["text"]


async def test_ask_affirmation_shows_dutch_topics_and_something_else() -> None:
    latest = parse(
        [("nlu_fallback", 0.5), ("faq", 0.3), ("when_where", 0.15), ("greet", 0.05)],
        faq=[("faq/eerst_kijken", 0.8), ("faq/aanmelden", 0.1)],
    )
    events, messages = await run(ActionAskAffirmation(), tracker(latest))
    assert events == []
    assert "Bedoel je" in messages[0]["text"]
    assert messages[0]["buttons"] == [
        {"title": "Kan ik eerst komen kijken?", "payload": "kan ik eerst een keer komen kijken"},
        {"title": "Wanneer en waar?", "payload": "/when_where"},
        {"title": "Iets anders", "payload": "/out_of_scope"},
    ]


async def test_give_up_offers_a_person_and_counts_without_text(insights: InsightsService) -> None:
    missed = parse([("nlu_fallback", 0.4), ("cost", 0.3)])
    events_so_far: list[dict[str, Any]] = [
        {"event": "user", "text": "geheime tekst", "parse_data": missed},
        {"event": "user", "text": "/out_of_scope", "parse_data": parse([("out_of_scope", 1.0)])},
    ]
    events, messages = await run(
        ActionDefaultFallback(), tracker(events_so_far[-1]["parse_data"], events_so_far)
    )
    assert events == [{"event": "rewind", "timestamp": None}]
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert payloads == ["/human_handoff", "/express_interest"]
    counts = insights.weekly_counts()
    assert [(c.kind, c.intent_guess, c.count) for c in counts] == [("fallback", "cost", 1)]


async def test_out_of_scope_answers_honestly_and_counts(insights: InsightsService) -> None:
    latest = parse([("out_of_scope", 0.9), ("when_where", 0.05)])
    for _ in range(2):
        events, messages = await run(ActionOutOfScope(), tracker(latest))
    assert events == []
    assert messages[0]["response"] == "utter_out_of_scope"
    counts = insights.weekly_counts()
    assert [(c.kind, c.intent_guess, c.count) for c in counts] == [
        ("out_of_scope", "when_where", 2)
    ]


async def test_a_broken_database_never_costs_the_reply(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> InsightsService:
        raise RuntimeError("database down")

    monkeypatch.setattr(actions.fallback, "insights", broken)
    _, messages = await run(ActionOutOfScope(), tracker(parse([("out_of_scope", 0.9)])))
    assert messages[0]["response"] == "utter_out_of_scope"
