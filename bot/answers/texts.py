"""Texts of the answers our code builds: facts, suggestions, feelings, parents and professionals.

How to edit (keep every {placeholder} and the HTML tags): docs/texts.md.
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
LET_JOINUS_CONTACT_ME_BUTTON = "Laat Join us contact opnemen"

# --- bot/answers/youth.py
# Titles of the "Bedoel je ...?" buttons, per topic (intent) and per FAQ question.
INTENT_TITLES = {
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
WELCOME_AS_THEY_ARE = "Jongeren zijn welkom zoals ze zijn."
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
# The same for a parent or professional (visitor_role): "u".
CONTACT_JOINUS_FORMAL = "U kunt Join us ook {ways}."
ASK_SOMEONE_FORMAL = "U kunt het ook vragen aan iemand van Join us: typ 'ik wil met iemand praten'."
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
COST_UNKNOWN_FORMAL = (
    "Wat meedoen nu kost, weet ik niet zeker. In 2018 betaalden de gemeenten de avonden, "
    "maar vraagt u het voor de zekerheid even na."
)
# Talking to a person (facts contact.*).
HANDOFF_CALL_OR_MAIL = "Bel {phone} of mail naar {email}."
HANDOFF_CALL = "Bel {phone}."
HANDOFF_MAIL = "Mail naar {email}."
HANDOFF_HOURS = "Je kunt ze bereiken: {hours}."

# --- bot/answers/adults.py
CONTACT_FORMAL_UNKNOWN = (
    "Het telefoonnummer en e-mailadres van Join us heb ik nu niet bij de hand; ik gok liever niet."
)
CONTACT_FORMAL = "U bereikt Join us zo: "
PARENT_SIGNUP_BUTTON = "Hoe meld ik mijn kind aan?"
EVENING_BUTTON = "Wat doen ze op een avond?"
CONTACT_JOINUS_BUTTON = "Contact met Join us"
WHAT_IS_IT_FOR_MY_CHILD_BUTTON = "Wat is Join us voor mijn kind?"
HOW_TO_REFER_BUTTON = "Hoe verwijs ik?"
COST_IN_2018 = "(In 2018 betaalden de gemeenten de avonden.)"
THE_TIMES = "de tijden"
THE_PLACE = "de plek"
THE_COST = "de kosten"

# Parents and professionals (formal Dutch, "u"); {practical} and {contact} come from the facts.
PARENT_ANSWER = (
    "Goed dat u met uw kind meedenkt. Join us is voor jongeren van 12 tot 25 jaar die meer contact met leeftijdsgenoten willen en daar wat hulp bij kunnen gebruiken. In een kleine groep doen ze samen leuke dingen; begeleiders zijn erbij en blijven op de achtergrond. Plezier staat voorop: het is geen therapie en er is geen zorgindicatie nodig. Ongemerkt oefenen ze met contact maken en vrienden maken en houden.\n"
    "Meedoen is vrijwillig: uw kind kiest zelf. Vóór de eerste avond is er een kennismakingsgesprek, waarin u en uw kind al uw vragen kunnen stellen en samen kijken of het past.\n"
    "{practical}"
)
PARENT_SIGNUP = (
    "De meeste aanmeldingen doet de jongere samen met een ouder. Belangrijk is dat uw kind het zelf wil; Join us meldt niemand aan zonder dat de jongere dat weet.\n"
    "Zo kan het:\n"
    "1. Bespreek Join us eerst met uw kind.\n"
    '2. Wil uw kind het proberen? Dan kan uw kind deze chat zelf openen en "ik wil meedoen" typen. Is uw kind jonger dan 16, dan krijgt het een code waarmee u als ouder toestemming geeft.\n'
    "3. Of neem samen contact op met Join us. {contact}\n"
    "Daarna volgt eerst een kennismakingsgesprek. Gegevens van uw kind hoeft u hier niet te delen."
)
PROFESSIONAL_ANSWER = (
    "Goed dat u aan Join us denkt. Naast scholen verwijzen huisartsen, psychologen en de jeugd- en wijkteams van de gemeente (CJG) jongeren naar Join us; jongeren en ouders melden zich ook zelf aan.\n"
    "• Voor jongeren van 12 tot 25 die meer contact met leeftijdsgenoten willen: groepsavonden om de twee weken op vrijdagavond, plezier voorop, begeleiders op de achtergrond.\n"
    "• Geen therapie of hulpverlening maar groepsbegeleiding, tussen jongerenwerk en zorg in. Er is geen zorgindicatie nodig. Meedoen is vrijwillig.\n"
    "• Vóór deelname is er een kennismakingsgesprek met de jongere.\n"
    "• Terugkoppeling aan u alleen met toestemming van de jongere (onder 16 ook van een ouder). Gaat het niet goed, dan zoekt Join us in overleg met de jongere de juiste hulp.\n"
    "Folders of de factsheet voor uw praktijk of team vraagt u aan bij Join us. {contact}"
)
PROFESSIONAL_REFER = (
    "Zo verwijst u een jongere naar Join us:\n"
    "1. Bespreek met de jongere of hij of zij meer contact met leeftijdsgenoten wil en of Join us past. Meedoen is vrijwillig.\n"
    "2. Betrek bij een minderjarige de ouders: aanmelden doen jongere en ouders meestal samen.\n"
    "3. Geef de informatie mee, of bel samen met de jongere naar Join us: een persoonlijk contact verlaagt de drempel. {contact}\n"
    "4. Join us plant eerst een kennismakingsgesprek. Een zorgindicatie is niet nodig.\n"
    "Wilt u horen of de jongere is gestart? Dat kan alleen met diens toestemming (onder 16 ook van een ouder). Deel in deze chat geen namen of andere gegevens van de jongere."
)
ADULT_CONTACT = "Ik ben een bot; met een medewerker van Join us spreekt u verder. {contact}"
# Facts shown to adults, in this order, with their labels (one CONTACT_LINE each).
CONTACT_LINE = "{label}: {value}"
CONTACT_FORMAL_LABELS = {
    "contact.phone": "telefoon",
    "contact.email": "e-mail",
    "contact.office_hours": "bereikbaar",
    "organisation.website": "website",
}
PRACTICAL_LABELS = {
    "evenings.times": "Tijd",
    "evenings.location": "Plek",
    "evenings.cost": "Kosten",
}
PRACTICAL_KNOWN = "{label}: {value}."
PRACTICAL_UNKNOWN = (
    "Wat {missing} nu precies zijn, weet ik niet zeker; Join us vertelt het u graag."
)

# --- bot/answers/feelings.py
HOW_IT_FITS = (
    "Join us is er voor jongeren van 12 tot 25 die meer contact met andere jongeren willen. Om de "
    "twee weken op vrijdagavond doe je in een kleine groep leuke dingen, met begeleiders erbij. "
    "Plezier staat voorop, en je hebt geen indicatie of verwijzing nodig.",
    "Misschien is Join us iets voor jou: om de twee weken op vrijdagavond samen leuke dingen doen "
    "met andere jongeren, met een begeleider op de achtergrond. Plezier staat voorop, het is geen "
    "therapie, en je kunt je gewoon zelf aanmelden.",
)
LISTEN = (
    "Ik lees wat je schrijft, en het is goed dat je het niet voor jezelf houdt.",
    "Ik hoor je. Het klinkt alsof het al een tijdje zo voelt.",
    "Dank je dat je me dit allemaal vertelt. Dat vraagt moed.",
)
FIGURE = (
    "Je bent echt niet de enige: in Zuidoost-Brabant zegt ongeveer 1 op de 5 jongeren van 12 tot "
    "18 jaar dat ze zich eenzaam voelen (22%, GGD Jeugdmonitor 2015)."
)
FIRST_EVENING = (
    "Zo gaat het: voordat je meedoet, is er eerst een kennismakingsgesprek. Dan leer je Join us "
    "kennen, stel je al je vragen en kijk je samen of het bij je past. Op de avonden zijn "
    "begeleiders erbij die op de achtergrond meekijken en helpen als dat nodig is. Je hoeft niets "
    "over jezelf te vertellen wat je niet wilt, en plezier staat voorop."
)
BOT_LIMIT = (
    "Ik ben maar een bot, dus echt goed luisteren kan een mens beter. Wil je er nu met iemand "
    "over praten?"
)
NOT_ALONE_SHY = "Veel jongeren die bij Join us komen, vinden contact maken ook spannend. Daar is het juist voor."
NOT_ALONE_DIFFERENT = (
    "Bij Join us zijn jongeren heel verschillend, en iedereen is welkom zoals die is. "
    "Een deelnemer zei: “ik durf meer mezelf te zijn”."
)
NOT_ALONE_NEW_IN_TOWN = (
    "Bij Join us leer je jongeren uit de buurt kennen, op een vaste plek in de gemeente."
)
NOT_ALONE_NOTHING_TO_DO = (
    "Bij Join us gaat het juist om je vrije tijd: samen iets leuks doen, het weekendgevoel."
)
NOT_ALONE_BULLIED = (
    "Bij Join us kom je buiten school, dus je begint er zonder 'geschiedenis'. "
    "Wat er op school gebeurt, hoef je daar niet mee te nemen."
)
WHAT_NOW = "Wat wil je nu?"
TALK_TO_SOMEONE_YOU_TRUST = (
    "Praat er ook eens over met iemand die je vertrouwt, of met iemand van Join us."
)
WHAT_IS_AN_EVENING_BUTTON = "Hoe ziet een avond eruit?"
TALK_TO_JOINUS_BUTTON = "Praten met iemand van Join us"
JOINUS_MAY_CONTACT_ME_BUTTON = "Join us mag contact met me opnemen"
ANOTHER_QUESTION_BUTTON = "Ik wil nog iets vragen"
# Someone to talk to now: {line} is a crisis line from the facts (name: how to reach, hours).
TALK_TO_KIDS_LINE = "Je kunt met iemand praten bij {line}."
TALK_TO_ADULTS_LINE = "Je kunt altijd met iemand praten bij {line}."
UNDER_18_LINE = "Jonger dan 18? {line}."
FROM_18_LINE = "18 of ouder? {line}."
LINE_CALL = "bel {phone}"
LINE_CHAT = "chat via {chat}"
