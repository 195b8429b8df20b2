"""Prometheus metrics of both our processes (bot and action server); no personal data in labels.

Each process exposes its own registry (the bot on METRICS_LISTEN:METRICS_PORT, the action server
on its own port), so a series is named for what it counts, not for the process.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

if TYPE_CHECKING:
    from bot.storage.db import Database

disable_created_metrics()  # type: ignore[no-untyped-call]  # *_created series only add noise to a small service

TURN_SECONDS = Histogram(
    "joinus_turn_seconds",
    "Time from a user's turn to the reply (bot process), by kind of turn.",
    ["kind"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 6.0, 10.0),
)
TURNS = Counter(
    "joinus_turns",
    "User turns that reached a custom action, by intent group (action server).",
    ["intent_group"],
)
FALLBACKS = Counter(
    "joinus_fallbacks",
    "Turns the assistant did not understand, by stage (action server).",
    ["stage"],
)
CRISIS_REPLIES = Counter("joinus_crisis_replies", "Crisis replies shown (bot process).")
ENGINE_UNAVAILABLE = Counter(
    "joinus_engine_unavailable", "Turns answered with 'even niet bereikbaar' (bot process)."
)
LEAD_FUNNEL = Counter(
    "joinus_lead_funnel",
    "Lead funnel steps: interest, consented, contacted, signed_up (process that recorded it).",
    ["stage"],
)
REMINDER_LAG = Histogram(
    "joinus_reminder_lag_seconds",
    "Delay between a reminder's planned time and its delivery to Telegram (bot process).",
    buckets=(1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600),
)

# Intent names → a handful of groups, so label cardinality stays small and stable.
_INTENT_GROUPS = {
    "question": {"faq", "cost", "what_is_joinus", "who_is_it_for", "when_where", "bot_challenge"},
    "lead": {
        "express_interest",
        "think_about_it",
        "parent_code",
        "why_ask",
        "skip",
        "inform",
        "agree",
        "decline",
        "withdraw",
    },
    "privacy": {"privacy", "my_data", "forget_me"},
    "smalltalk": {"greet", "goodbye", "thanks", "help", "youth_role"},
    "fallback": {"nlu_fallback", "out_of_scope"},
    "handoff": {"human_handoff"},
}
_FALLBACK_ACTIONS = {
    "action_default_ask_affirmation": "ask_affirmation",
    "action_default_fallback": "give_up",
    "action_out_of_scope": "out_of_scope",
}


# Every known label value exists from the start, so rates and alerts see zeros, not gaps.
for _group in [*_INTENT_GROUPS, "school", "other"]:
    TURNS.labels(_group)
for _stage in _FALLBACK_ACTIONS.values():
    FALLBACKS.labels(_stage)
for _step in ("interest", "consented", "contacted", "signed_up"):
    LEAD_FUNNEL.labels(_step)
for _kind in ("text", "button_or_command"):
    TURN_SECONDS.labels(_kind)


def intent_group(intent: str | None) -> str:
    name = (intent or "").split("/", 1)[0]
    if name.startswith("school_"):
        return "school"
    return next((group for group, names in _INTENT_GROUPS.items() if name in names), "other")


def fallback_stage(action_name: str) -> str | None:
    return _FALLBACK_ACTIONS.get(action_name)


def render() -> tuple[bytes, str]:
    """The exposition text of this process's registry and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


class OutboxCollector(Collector):
    """Outbox depth and age, read from the database at scrape time (never stale)."""

    def __init__(self) -> None:
        self.database: Database | None = None

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from bot.pipeline.outbox_stats import outbox_stats

        if self.database is None:
            return
        try:
            stats = outbox_stats(self.database)
        except Exception:  # a scrape must not fail because the database is down
            return
        depth = GaugeMetricFamily(
            "joinus_outbox_messages", "Outbox messages by status.", labels=["status"]
        )
        for status, count in sorted(stats.by_status.items()):
            depth.add_metric([status], count)
        yield depth
        yield GaugeMetricFamily(
            "joinus_outbox_oldest_due_seconds",
            "Age of the oldest pending message that is due (0 when none).",
            value=stats.oldest_due_seconds,
        )

    def describe(self) -> Iterator[GaugeMetricFamily]:
        return iter(())  # names depend on the data; skip the registry's duplicate check


_OUTBOX = OutboxCollector()
REGISTRY.register(_OUTBOX)


def watch_outbox(database: Database | None) -> None:
    """Report the outbox of ``database`` (the bot process's); None stops it."""
    _OUTBOX.database = database
