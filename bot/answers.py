"""Answers built from the staff-editable facts file; missing facts are admitted, never invented."""

from __future__ import annotations

from bot.facts import Facts

UNKNOWN_CONTACT = "Dat weet ik niet precies. Vraag het gerust aan iemand van Join us: typ 'ik wil met iemand praten'."


def contact_line(facts: Facts) -> str:
    parts = []
    if phone := facts.get("contact.phone"):
        parts.append(f"bellen naar {phone}")
    if email := facts.get("contact.email"):
        parts.append(f"mailen naar {email}")
    if not parts:
        return "Je kunt het ook vragen aan iemand van Join us: typ 'ik wil met iemand praten'."
    return "Je kunt Join us ook " + " of ".join(parts) + "."


def when_where_text(facts: Facts) -> str:
    rhythm = facts.get("evenings.rhythm") or "om de twee weken op vrijdagavond"
    lines = [f"De groepsavonden zijn {rhythm}."]
    times = facts.get("evenings.times")
    location = facts.get("evenings.location")
    if times:
        lines.append(f"Tijd: {times}.")
    if location:
        lines.append(f"Plek: {location}.")
    if not times or not location:
        missing = " en ".join(
            word for word, value in (("hoe laat", times), ("waar precies", location)) if not value
        )
        lines.append(f"{missing.capitalize()} het nu is, weet ik niet zeker. {contact_line(facts)}")
    return " ".join(lines)
