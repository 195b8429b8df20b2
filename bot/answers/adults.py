"""Answers for parents and professionals outside school (issue 10): formal Dutch ("u").

Pure functions of the facts file, like bot/answers/youth.py. Facts come from the 2018 report (§2.4,
§3, §4.6: who signs young people up, the get-acquainted talk, voluntary, no care indication);
times, place, cost and contact from ``content/facts.yml``, admitted when unknown.
"""

from __future__ import annotations

from bot.answers.facts import Facts

PARENT = "parent"
PROFESSIONAL = "professional"
ROLES = frozenset({PARENT, PROFESSIONAL})
EVENING_QUESTION = "wat doen jullie op een avond"


def contact_formal(facts: Facts) -> str:
    """How to reach Join us, or an honest 'not at hand'."""
    parts = [
        f"{label}: {value}"
        for label, value in (
            ("telefoon", facts.get("contact.phone")),
            ("e-mail", facts.get("contact.email")),
            ("bereikbaar", facts.get("contact.office_hours")),
            ("website", facts.get("organisation.website")),
        )
        if value
    ]
    if not parts:
        return (
            "Het telefoonnummer en e-mailadres van Join us heb ik nu niet bij de hand; ik gok "
            "liever niet."
        )
    return "U bereikt Join us zo: " + ", ".join(parts) + "."


def practical(facts: Facts) -> str:
    """Rhythm, times, place and cost: what staff filled in, and honestly what is not known."""
    rhythm = facts.get("evenings.rhythm") or "om de twee weken op vrijdagavond"
    lines = [f"De groepsavonden zijn {rhythm}."]
    known = [
        f"{label}: {value}."
        for label, value in (
            ("Tijd", facts.get("evenings.times")),
            ("Plek", facts.get("evenings.location")),
            ("Kosten", facts.get("evenings.cost")),
        )
        if value
    ]
    lines.extend(known)
    missing = [
        word
        for word, key in (
            ("de tijden", "evenings.times"),
            ("de plek", "evenings.location"),
            ("de kosten", "evenings.cost"),
        )
        if not facts.get(key)
    ]
    if missing:
        listed = ", ".join(missing[:-1]) + (" en " if len(missing) > 1 else "") + missing[-1]
        lines.append(f"Wat {listed} nu precies zijn, weet ik niet zeker; Join us vertelt het u graag.")
        if not facts.get("evenings.cost"):
            lines.append("(In 2018 betaalden de gemeenten de avonden.)")
    return " ".join(lines)


def parent_text(facts: Facts) -> str:
    return "\n".join(
        [
            "Goed dat u met uw kind meedenkt. Join us is voor jongeren van 12 tot 25 jaar die meer "
            "contact met leeftijdsgenoten willen en daar wat hulp bij kunnen gebruiken. In een "
            "kleine groep doen ze samen leuke dingen; begeleiders zijn erbij en blijven op de "
            "achtergrond. Plezier staat voorop: het is geen therapie en er is geen zorgindicatie "
            "nodig. Ongemerkt oefenen ze met contact maken en vrienden maken en houden.",
            "Meedoen is vrijwillig: uw kind kiest zelf. Vóór de eerste avond is er een "
            "kennismakingsgesprek, waarin u en uw kind al uw vragen kunnen stellen en samen kijken "
            "of het past.",
            practical(facts),
        ]
    )


def parent_buttons() -> list[dict[str, str]]:
    return [
        {"title": "Hoe meld ik mijn kind aan?", "payload": "/parent_signup"},
        {"title": "Wat doen ze op een avond?", "payload": EVENING_QUESTION},
        {"title": "Contact met Join us", "payload": "/human_handoff"},
    ]


def parent_signup_text(facts: Facts) -> str:
    return "\n".join(
        [
            "De meeste aanmeldingen doet de jongere samen met een ouder. Belangrijk is dat uw kind "
            "het zelf wil; Join us meldt niemand aan zonder dat de jongere dat weet.",
            "Zo kan het:",
            "1. Bespreek Join us eerst met uw kind.",
            "2. Wil uw kind het proberen? Dan kan uw kind deze chat zelf openen en 'ik wil "
            "meedoen' typen. Is uw kind jonger dan 16, dan krijgt het een code waarmee u als "
            "ouder toestemming geeft.",
            f"3. Of neem samen contact op met Join us. {contact_formal(facts)}",
            "Daarna volgt eerst een kennismakingsgesprek. Gegevens van uw kind hoeft u hier niet "
            "te delen.",
        ]
    )


def parent_signup_buttons() -> list[dict[str, str]]:
    return [
        {"title": "Wat is Join us voor mijn kind?", "payload": "/parent_role"},
        {"title": "Contact met Join us", "payload": "/human_handoff"},
    ]


def professional_text(facts: Facts) -> str:
    return "\n".join(
        [
            "Goed dat u aan Join us denkt. Naast scholen verwijzen huisartsen, psychologen en de "
            "jeugd- en wijkteams van de gemeente (CJG) jongeren naar Join us; jongeren en ouders "
            "melden zich ook zelf aan.",
            "• Voor jongeren van 12 tot 25 die meer contact met leeftijdsgenoten willen: "
            "groepsavonden om de twee weken op vrijdagavond, plezier voorop, begeleiders op de "
            "achtergrond.",
            "• Geen therapie of hulpverlening maar groepsbegeleiding, tussen jongerenwerk en zorg "
            "in. Er is geen zorgindicatie nodig. Meedoen is vrijwillig.",
            "• Vóór deelname is er een kennismakingsgesprek met de jongere.",
            "• Terugkoppeling aan u alleen met toestemming van de jongere (onder 16 ook van een "
            "ouder). Gaat het niet goed, dan zoekt Join us in overleg met de jongere de juiste hulp.",
            "Folders of de factsheet voor uw praktijk of team vraagt u aan bij Join us. "
            + contact_formal(facts),
        ]
    )


def professional_buttons() -> list[dict[str, str]]:
    return [
        {"title": "Hoe verwijs ik?", "payload": "/professional_refer"},
        {"title": "Wat doen ze op een avond?", "payload": EVENING_QUESTION},
        {"title": "Contact met Join us", "payload": "/human_handoff"},
    ]


def professional_refer_text(facts: Facts) -> str:
    return "\n".join(
        [
            "Zo verwijst u een jongere naar Join us:",
            "1. Bespreek met de jongere of hij of zij meer contact met leeftijdsgenoten wil en "
            "of Join us past. Meedoen is vrijwillig.",
            "2. Betrek bij een minderjarige de ouders: aanmelden doen jongere en ouders meestal "
            "samen.",
            "3. Geef de informatie mee, of bel samen met de jongere naar Join us: een persoonlijk "
            "contact verlaagt de drempel. " + contact_formal(facts),
            "4. Join us plant eerst een kennismakingsgesprek. Een zorgindicatie is niet nodig.",
            "Wilt u horen of de jongere is gestart? Dat kan alleen met diens toestemming (onder "
            "16 ook van een ouder). Deel in deze chat geen namen of andere gegevens van de jongere.",
        ]
    )


def professional_refer_buttons() -> list[dict[str, str]]:
    return [
        {"title": "Wat is Join us?", "payload": "/professional_role"},
        {"title": "Contact met Join us", "payload": "/human_handoff"},
    ]


def adult_contact_text(facts: Facts) -> str:
    """'Ik wil iemand spreken' from a parent or professional: contact, no youth interest form."""
    return (
        "Ik ben een bot; met een medewerker van Join us spreekt u verder. "
        + contact_formal(facts)
    )
