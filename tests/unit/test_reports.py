from __future__ import annotations

from datetime import date

from bot.staff.insights import WeeklyCount
from bot.staff.reports import figures_text


def test_figures_sum_recent_weeks_and_show_funnel_per_source() -> None:
    unanswered = [
        WeeklyCount(date(2026, 11, 23), "fallback", "cost", 3),
        WeeklyCount(date(2026, 11, 16), "fallback", "cost", 2),
        WeeklyCount(date(2026, 11, 16), "out_of_scope", "unknown", 1),
        WeeklyCount(date(2025, 1, 6), "fallback", "oud", 9),  # older than the window
    ]
    leads = [
        (date(2026, 11, 23), "poster_veghel", "interest", 4),
        (date(2026, 11, 23), "poster_veghel", "consented", 2),
        (date(2026, 11, 16), "", "signed_up", 1),
    ]
    text = figures_text(unanswered, leads, weeks=2)
    assert "5× niet begrepen — gok: cost" in text
    assert "1× buiten onderwerp — gok: unknown" in text
    assert "oud" not in text
    assert "poster_veghel: 4 → 2 → 0 → 0" in text
    assert "direct: 0 → 0 → 0 → 1" in text


def test_no_figures_yet() -> None:
    assert figures_text([], []).count("geen") == 2
