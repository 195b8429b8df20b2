"""Texts of the chat itself: what every front end says when something is off (errors, old buttons).

How to edit (keep every {placeholder} and the HTML tags): docs/texts.md.
"""

# --- too many wrong parent or referral codes (bot/core/code_guard.py)
TOO_MANY_CODES = "Er zijn te veel verkeerde codes geprobeerd. Probeer het over een uur opnieuw."
TOO_MANY_CODES_GLOBAL = (
    "Er worden op dit moment te veel verkeerde codes geprobeerd. Probeer het later nog eens; "
    "lukt het dan niet, neem dan contact op met Join us."
)

# --- bot/pipeline/conversation.py
ENGINE_DOWN = (
    "Ik ben even niet bereikbaar. Probeer het zo nog eens! 🙏\n"
    "Gaat het niet goed met je? Bel of chat dan met 113 (0800-0113, 113.nl), of 112 bij direct gevaar."
)
ONLY_TEXT = "Ik kan alleen tekst lezen. Wil je je vraag typen? 🙂"
NO_TEXT = "Ik zie geen tekst in je bericht. Typ gerust je vraag!"
EDITED = "Ik zie dat je een bericht hebt aangepast. Stuur je vraag gerust opnieuw, dan lees ik mee."
UNKNOWN_COMMAND = "Dat commando ken ik niet. Typ /help om te zien wat ik kan."

# --- bot/pipeline/capture.py
NOT_SKIPPABLE = "Deze vraag heb ik nodig om het door te geven. Niet verder? Typ dan 'stop'."

# --- bot/telegram/handlers.py
OLD_BUTTON = "Deze knop werkt niet meer. Typ gerust je vraag opnieuw."
SOMETHING_WENT_WRONG = "Er ging iets mis aan mijn kant. Probeer het zo nog eens! 🙏"

# --- bot/telegram/ordering.py
SLOW_DOWN = (
    "Ho, even rustig aan 🙂 Je stuurt veel berichten tegelijk. Ik lees de eerste en beantwoord "
    "ze één voor één; stuur de rest gerust zo nog een keer."
)

# --- buttons every feature shares (leads, school, the ambassador programme)
STALE_BUTTON = "Deze knop werkt niet meer."
YES_I_CONSENT_BUTTON = "Ja, ik geef toestemming"
NO_RATHER_NOT_BUTTON = "Nee, liever niet"
