"""Texts of the answers our code builds: facts, suggestions, feelings, parents and professionals.

Edit the words freely (Dutch: "je" for young people, "u" for parents and professionals, short
and professional for staff). Keep every {placeholder}: the code fills it in. Texts marked (HTML)
are sent as Telegram HTML: keep their tags. What Rasa itself says is in domain/*.yml.
Convention: /work/notes/texts-convention.md; tests/unit/test_texts.py checks for doubles.
"""

# --- actions/feelings.py
FORM_TOPICS = {
    "interest_form": "de vragen zodat Join us contact met je kan opnemen",
    "parent_form": "de toestemming voor je kind",
    "school_referral_form": "een verwijzing van een leerling",
    "school_presentation_form": "een aanvraag voor een presentatie",
    "school_material_form": "een aanvraag voor materiaal",
}
FORM_TOPIC_UNKNOWN = "een paar vragen"
FORM_PAUSED = (
    "Hoi! 👋 Je was nog bezig met {topic}. Wil je daarmee verder, of stoppen? "
    "Bij stoppen wis ik wat je al had ingevuld."
)
FEELING_NEXT_PARENT = (
    "Herkent u dit bij uw kind? Join us is er voor jongeren die meer contact "
    "met leeftijdsgenoten willen. Wat wilt u weten?"
)
FEELING_NEXT_PROFESSIONAL = "Herkent u dit bij een jongere die u begeleidt? Dan kan Join us passen."
FORM_CONTINUE_BUTTON = "Verder met de vragen"
FORM_STOP_BUTTON = "Stoppen"

# --- actions/fallback.py
FALLBACK_GIVE_UP = (
    "Sorry, ik snap je vraag nog steeds niet. Ik wil je niet in rondjes laten draaien. "
    "Je kunt met iemand van Join us praten, of Join us contact met je laten opnemen. "
    "Of stel gerust een andere vraag."
)
SUGGESTIONS_OTHER_TOPIC = "Of ging je vraag over een van deze onderwerpen?"
TALK_TO_SOMEONE_BUTTON = "Met iemand praten"
LET_JOINUS_CONTACT_ME_BUTTON = "Laat Join us contact opnemen"

# --- bot/answers/youth.py
# Titles of the "Bedoel je ...?" buttons, per topic (intent) and per FAQ question.
INTENT_TITLES: dict[str, str] = {
    "what_is_joinus": "Wat is Join us?",
    "who_is_it_for": "Voor wie is het?",
    "when_where": "Wanneer en waar?",
    "cost": "Wat kost het?",
    "human_handoff": "Met iemand praten",
    "privacy": "Privacy en anoniem",
    "help": "Wat kan ik vragen?",
    "bot_challenge": "Ben jij een bot?",
}
WHO_IS_IT_FOR = (
    "Join us is voor jongeren van 12 tot 25 jaar die meer contact met andere jongeren willen "
    "en daar wel wat hulp bij kunnen gebruiken."
)
AGE_GROUPS = "Er zijn groepen voor 12 tot 18 jaar en voor 18 tot 25 jaar."
WELCOME_AS_YOU_ARE = "Je bent welkom zoals je bent. 🙂"
HANDOFF_BOT_AND_HUMAN = "Ik ben een bot, maar je kunt ook met een mens van Join us praten."
HANDOFF_OR_WE_CONTACT_YOU = (
    "Wil je liever dat iemand van Join us contact met jou opneemt? Dat kan ook. "
    "Je zit nergens aan vast."
)
DID_YOU_MEAN = "Ik weet niet zeker of ik je goed begrijp. Bedoel je een van deze?"
DID_YOU_MEAN_NOTHING = "Ik weet niet zeker of ik je goed begrijp. Gaat je vraag over iets anders?"
HANDOFF_YES_BUTTON = "Ja, neem contact met me op"
HANDOFF_NO_BUTTON = "Nee, ik heb nog een vraag"
SOMETHING_ELSE_BUTTON = "Iets anders"
HANDOFF_HOURS_UNKNOWN = "Wanneer ze precies bereikbaar zijn, weet ik niet."
HANDOFF_CONTACT_UNKNOWN = "Het telefoonnummer en e-mailadres van Join us heb ik nu niet, sorry."
FAQ_TITLES = {
    "faq/avond": "Wat doe je op een avond?",
    "faq/therapie": "Is het therapie?",
    "faq/moet_ik_praten": "Moet ik over mezelf praten?",
    "faq/welkom": "Ik ben verlegen of zenuwachtig",
    "faq/eerst_kijken": "Kan ik eerst komen kijken?",
    "faq/aanmelden": "Hoe meld ik me aan?",
    "faq/ouders_school": "Moeten ouders of school het weten?",
    "faq/begeleiders": "Wie zijn de begeleiders?",
    "faq/groepsgrootte": "Hoe groot is een groep?",
    "faq/ervaringen": "Wat vinden anderen ervan?",
    "faq/wat_met_info": "Wat doet Join us met wat ik vertel?",
}
# How to reach Join us, built from the facts (console: Feiten); "{ways}" joins CALL and MAIL with OR.
CALL = "bellen naar {phone}"
MAIL = "mailen naar {email}"
OR = " of "
AND = " en "
CONTACT_JOINUS = "Je kunt Join us ook {ways}."
ASK_SOMEONE = "Je kunt het ook vragen aan iemand van Join us: typ 'ik wil met iemand praten'."
# When and where: the evenings (facts evenings.*); unknown parts are said to be unknown.
DEFAULT_RHYTHM = "om de twee weken op vrijdagavond"
EVENINGS_ARE = "De groepsavonden zijn {rhythm}."
EVENING_TIME = "Tijd: {times}."
EVENING_PLACE = "Plek: {location}."
WHAT_TIME = "hoe laat"
WHERE_EXACTLY = "waar precies"
NOT_SURE_NOW = "{missing} het nu is, weet ik niet zeker."
CURRENT_GROUPS = "Nu zijn er deze groepen: {groups}."
# What it costs (fact evenings.cost).
COST_IS = "Meedoen aan Join us kost: {cost}."
COST_UNKNOWN = (
    "Wat meedoen nu kost, weet ik niet zeker. In 2018 betaalden de gemeenten de avonden, "
    "maar vraag het voor de zekerheid even na."
)
# Talking to a person (facts contact.*).
HANDOFF_CALL_OR_MAIL = "Bel {phone} of mail naar {email}."
HANDOFF_CALL = "Bel {phone}."
HANDOFF_MAIL = "Mail naar {email}."
HANDOFF_HOURS = "Je kunt ze bereiken: {hours}."
