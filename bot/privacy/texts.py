"""Texts of privacy: what our code says when someone sees, erases or withdraws their data.

Edit the words freely (Dutch: "je" for young people, "u" for parents and professionals, short
and professional for staff). Keep every {placeholder}: the code fills it in. Texts marked (HTML)
are sent as Telegram HTML: keep their tags. What Rasa itself says is in domain/*.yml.
Convention: /work/notes/texts-convention.md; tests/unit/test_texts.py checks for doubles.
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
