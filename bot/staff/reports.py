"""Anonymous figures for staff (/cijfers): what young people ask that the assistant can't answer
yet, and how interest turns into sign-ups per campaign. Counts only — no text, no people."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from bot.staff.insights import WeeklyCount

KIND_NL = {"fallback": "niet begrepen", "out_of_scope": "buiten onderwerp"}
METRIC_ORDER = ("interest", "consented", "contacted", "signed_up")
METRIC_NL = {
    "interest": "interesse",
    "consented": "toestemming",
    "contacted": "contact",
    "signed_up": "aangemeld",
}


def figures_text(
    unanswered: Sequence[WeeklyCount],
    leads: Sequence[tuple[date, str, str, int]],
    *,
    weeks: int = 4,
) -> str:
    lines = [
        f"<b>Cijfers van de laatste {weeks} weken</b> (alleen aantallen)",
        "",
        "<b>Vragen zonder antwoord</b>",
    ]
    recent = sorted({c.week_start for c in unanswered}, reverse=True)[:weeks]
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for count in unanswered:
        if count.week_start in recent:
            totals[(count.kind, count.intent_guess)] += count.count
    for (kind, guess), total in sorted(totals.items(), key=lambda item: -item[1])[:10]:
        lines.append(f"{total}× {KIND_NL.get(kind, kind)} — gok: {guess}")
    if not totals:
        lines.append("geen")
    lines += ["", "<b>Aanmeldingen per bron</b> (interesse → toestemming → contact → aangemeld)"]
    lead_weeks = sorted({week for week, *_ in leads}, reverse=True)[:weeks]
    per_source: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for week, source, metric, number in leads:
        if week in lead_weeks:
            per_source[source or "direct"][metric] += number
    for source, metrics in sorted(per_source.items()):
        lines.append(f"{source}: " + " → ".join(str(metrics.get(m, 0)) for m in METRIC_ORDER))
    if not per_source:
        lines.append("geen")
    return "\n".join(lines)
