"""Texts of privacy: what our code says when someone sees, erases or withdraws their data.

How to edit (keep every {placeholder} and the HTML tags): docs/texts.md.
"""

# --- actions/privacy.py
ASK_FORGET = (
    "Weet je het zeker? Dan wis ik alles wat ik over je heb: een aanmelding en je "
    "contactgegevens (Join us neemt dan ook geen contact meer op), je toestemmingen en ons hele "
    "gesprek. Dat kan ik niet terugdraaien."
)
ERASED_EVERYTHING = (
    "Klaar: alles wat ik over je had is gewist, ook ons gesprek. Je kunt altijd "
    "opnieuw beginnen met een berichtje. 👋"
)
NOTHING_ERASED = "Oké, ik heb niets gewist."
# The yes/no buttons under ASK_FORGET: (yes, no).
FORGET_BUTTONS = ("Ja, wis alles", "Nee, toch niet")

# --- bot/privacy/drafts.py
PARENT_CONTACT_INVALID = (
    "Typ je telefoonnummer of e-mailadres, bijvoorbeeld 06 12345678 of naam@voorbeeld.nl. "
    "Zonder kan ik je toestemming niet doorgeven. Stoppen kan met 'stop'."
)
ASK_SCHOOL_NAME_AGAIN = "Wat is de naam van je school (en de plaats)?"

# --- bot/privacy/directives.py
IN_PROGRESS = "Wat je nu aan het invullen bent (nog niet verstuurd, na {hours} uur gewist):"

# --- bot/privacy/rights.py
NOTHING_STORED = (
    "Ik heb niets over je opgeslagen waarmee iemand je kan herkennen: geen aanmelding en geen "
    "contactgegevens. Alleen ons gesprek zelf, onder een code in plaats van je Telegram-nummer."
)

# --- /mijngegevens: everything stored about this person (bot/privacy/rights.py)
MY_LEAD = "Aanmelding #{id} ({status}), gemaakt op {date}:"
MY_AGE = "• leeftijd: {age}"
MY_AREA = "• gebied: {area}"
MY_CONTACT = "• contact: {route}"
MY_CONTACT_WITH_DETAIL = "• contact: {route} ({contact})"
MY_NICKNAME = "• naam/bijnaam: {nickname}"
MY_WISHES = "• wat je leuk lijkt: {wishes}"
MY_SOURCE = "• bron: {source}"
NO_SOURCE = "geen"
MY_CHAT = "• je chat met mij, zodat Join us je hier kan berichten"
MY_PARENT_CONTACT = "• contact van je ouder/verzorger: {contact}"
MY_NOTE = "• notitie van Join us: {note}"
MY_LEAD_KEPT = "Bewaard tot {days} dagen na het afronden."
MY_PARENT_CONSENT = (
    "Je gaf als ouder/verzorger toestemming op {date} "
    "(tekstversie {version}), met je contactgegeven {contact}."
)
MY_CONVERSATION_COUNT = " ({count} berichten en stappen)"
MY_CONVERSATION = (
    "Ons gesprek{count} bewaar ik {days} dagen, daarna wis ik het. "
    "Met /vergeet wis je alles meteen, met /stop trek je een aanmelding in."
)
