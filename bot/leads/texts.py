"""Texts of warm leads: what our code says to young people, parents and staff about a lead.

How to edit (keep every {placeholder} and the HTML tags): docs/texts.md.
"""

# --- actions/leads.py
WHY_WE_ASK = {
    "lead_age_band": "Join us heeft groepen voor 12 tot 18 en voor 18 tot 25 jaar. Met je leeftijd weet Join us welke groep past. Ben je jonger dan 16, dan moet ook een ouder of verzorger toestemming geven voordat ik iets doorstuur.",
    "lead_area": "Join us heeft groepen op verschillende plekken. Met je gemeente of school kijken ze welke groep in de buurt is.",
    "lead_contact_route": "Zo weet Join us hoe ze je het fijnst kunnen bereiken. Jij kiest, en via deze chat kan ook.",
    "lead_contact_detail": "Anders kan Join us je niet bereiken. Alleen de medewerker die jou helpt krijgt dit te zien, en pas als jij 'Ja' zegt.",
    "lead_nickname": "Dan weet de medewerker hoe hij of zij je kan aanspreken. Een bijnaam is ook prima, en overslaan mag.",
    "lead_wishes": "Dan kan Join us je al een beetje leren kennen en vertellen over dingen die je leuk vindt. Overslaan mag.",
    "parent_contact": "Omdat je kind jonger is dan 16, mag Join us alleen contact opnemen met toestemming van een ouder of verzorger. Met jouw telefoonnummer of e-mail kan Join us jou ook bereiken.",
}
ASK_CONTACT_DETAIL = {
    "phone": "Op welk telefoonnummer kan Join us je bellen of appen?",
    "email": "Op welk e-mailadres kan Join us je mailen?",
    "parent": "Wat is het telefoonnummer of e-mailadres van je ouder of verzorger?",
    "mentor": "Wat is het e-mailadres of telefoonnummer van je mentor? Zet de naam van je school er gerust bij.",
}
FORM_INTRO = (
    "Leuk dat je wilt meedoen! 😊 Ik stel je een paar korte vragen, zodat iemand van Join us "
    "contact met je kan opnemen. Alles mag je overslaan. Ik stuur pas iets door als jij daarna "
    "op 'Ja' drukt, en met 'stop' houd je op wanneer je wilt."
)
ALREADY_SIGNED_UP = (
    "Je hebt al laten weten dat je wilt meedoen, en dat staat klaar bij Join us. 👍 "
    "Met /mijngegevens zie je wat ik heb doorgegeven, met /stop trek je het in."
)
WHY_WE_ASK_GENERAL = (
    "Ik vraag alleen wat Join us nodig heeft om contact met je op te nemen. Niets gaat weg "
    "zonder dat jij op 'Ja' drukt, alleen Join us ziet het, en je kunt alles laten wissen met /vergeet."
)
SKIP_BUTTON = "Sla over"
ASK_AGE = "Hoe oud ben je? Dan weet Join us welke groep bij je past."
ASK_AREA = (
    "In welke gemeente woon je, of op welke school zit je? Dan kijkt Join us welke groep in "
    "de buurt is."
)
ASK_CONTACT_ROUTE = "Hoe wil je dat iemand van Join us contact met je opneemt?"
ASK_NICKNAME = "Hoe mag Join us je noemen? Je voornaam of een bijnaam is genoeg."
ASK_WISHES = (
    "Laatste vraag: wat zou je leuk vinden om te doen met andere jongeren? Bijvoorbeeld gamen, "
    "koken, sporten of gewoon kletsen."
)
CONSENT_UNDER_16_NOTE = (
    "\n\nJe bent jonger dan 16 (of je gaf je leeftijd niet op). Dan moet eerst je ouder "
    "of verzorger toestemming geven. Druk je op 'Ja', dan krijg je een code voor hen. "
    "Tot zij 'ja' zeggen, stuur ik niets door."
)
WITHDRAWN_REQUESTS = (
    "Je verzoeken aan Join us zijn ingetrokken en je gegevens zijn gewist. "
    "Je kunt altijd opnieuw contact opnemen."
)
LEAD_DECLINED = (
    "Prima! Ik stuur niets door en ik heb gewist wat je had ingevuld. Wil je het later "
    "toch? Typ dan gewoon 'ik wil meedoen'."
)
WITHDRAWN_LEAD = (
    "Je aanmelding is ingetrokken en je gegevens zijn gewist. Join us neemt geen contact "
    "met je op. Je mag altijd terugkomen. 💛"
)
WELCOME_BACK = "Fijn dat je terug bent! 🙌"
RATHER_NOT_SAY_BUTTON = "Zeg ik liever niet"
NO_WAY_TO_REACH_YOU = (
    "Zonder manier om je te bereiken kan Join us geen contact met je opnemen. "
    "Daarom stuur ik niets door en bewaar ik niets. Wil je het opnieuw proberen, of er "
    "nog even over nadenken?"
)
LEAD_SENT = (
    "Verstuurd! 🎉 Iemand van Join us neemt contact met je op. Spannend misschien, "
    "maar je zit nergens aan vast. Met /mijngegevens zie je wat ik heb doorgegeven, "
    "met /stop trek je het in."
)
THINK_ABOUT_IT = (
    "Neem rustig de tijd, er is geen haast. 🙂 Wil je later verder? Open dan deze "
    "link: {link}\nIk heb niets bewaard waaraan iemand je kan herkennen. Vragen over "
    "Join us mag je me altijd stellen."
)
FORM_STOPPED = "Oké, ik stop met de vragen. Wat je had ingevuld heb ik gewist."
NOTHING_TO_WITHDRAW = "Er stond niets van je klaar, dus er is ook niets doorgestuurd. Ik heb niets bewaard waaraan iemand je kan herkennen."
PARENT_TURN_CODE_LINK = (
    "Top! Nu is je ouder of verzorger aan de beurt. Stuur hem of haar deze link:\n"
    "{link}\n\nOf laat hen mij op Telegram de code {code} sturen. "
    "Ze zien dan precies wat jij zag en kiezen zelf. De code werkt 7 dagen. "
    "Tot die tijd stuur ik niets door."
)
THINK_ABOUT_IT_BUTTON = "Ik denk erover na"
TRY_AGAIN_BUTTON = "Opnieuw"

# --- actions/consent.py
# The yes/no buttons of each explicit choice: (yes, no).
LEAD_CONSENT_BUTTONS = ("Ja, dit mag naar Join us", "Nee, niet doorsturen")
PARENT_CONSENT_NO_BUTTON = "Nee"
USE_BUTTONS = "Kies met een van deze knoppen, dan weet ik zeker wat je bedoelt. 🙂"
ASK_PARENT_CONTACT = (
    "Wil je toestemming geven? Wat is dan jouw telefoonnummer of e-mailadres, zodat "
    "Join us jou als ouder of verzorger kan bereiken? (Niet verder? Typ 'stop'.)"
)
ASK_PARENT_CONSENT = (
    "Geef je als ouder of verzorger toestemming dat Join us de gegevens "
    "hierboven krijgt, met jouw contactgegeven ({parent_contact}) erbij? Intrekken "
    "kan altijd met /stop."
)
PARENT_CONSENT_RECORDED = (
    "Dank je wel! Je toestemming is vastgelegd en de aanmelding is doorgestuurd. "
    "Iemand van Join us neemt contact op. Met /mijngegevens zie je wat ik van je bewaar."
)
PARENT_DECLINED = (
    "Helder. Ik stuur niets door en heb de gegevens van je kind en die van jou gewist."
)
NO_PARENT_CODE = "Ik zie geen code. Typ de code van 10 tekens die je kind je gaf."
WHY_PARENT_CONSENT = (
    "Je kind is jonger dan 16, of gaf geen leeftijd op. Daarom geef ik niets "
    "door zonder jouw toestemming (zo staat het in de privacywet)."
)
PARENT_DETAILS_LOST = "Dit duurde te lang, ik ben je gegevens kwijt. Typ de code opnieuw."

# --- bot/leads/contact.py
AGE_BAND_TITLES = {"12-15": "12 t/m 15 jaar", "16-17": "16 of 17 jaar", "18-25": "18 t/m 25 jaar"}
ROUTE_TITLES = {
    "telegram": "via deze chat (Telegram)",
    "phone": "bellen of appen",
    "email": "e-mail",
    "parent": "via je ouder of verzorger",
    "mentor": "via je mentor",
}
CHOOSE_ROUTE = "Kies hoe we contact met je mogen opnemen met een van de knoppen. 🙂"
NO_DETAIL_NEEDED = "Voor deze manier van contact heb ik geen gegevens nodig."
AGE_UNCLEAR = "Ik snap je leeftijd niet helemaal. Kies een van de knoppen, of typ je leeftijd als getal (bijvoorbeeld 15)."
AGE_OUT_OF_RANGE = (
    "Join us is voor jongeren van 12 tot en met 25 jaar. Klopt je leeftijd? "
    "Kies dan een van de knoppen. Je mag me altijd alles over Join us vragen, en met 'stop' houd je op."
)
PHONE_INVALID = (
    "Dat telefoonnummer klopt nog niet helemaal. Een mobiel nummer heeft 10 cijfers, "
    "bijvoorbeeld 06 12345678. Probeer je het nog een keer?"
)
PHONE_SERVICE_NUMBER = "Dat is een servicenummer. Typ een nummer waarop je zelf bereikbaar bent."
EMAIL_INVALID = "Dat e-mailadres klopt nog niet helemaal. Het ziet eruit als naam@voorbeeld.nl. Probeer je het nog een keer?"
WHO_PARENT = "je ouder of verzorger"
WHO_MENTOR = "je mentor"
EMAIL_BUT_PHONE_CHOSEN = (
    "Dat lijkt een e-mailadres, maar je koos voor bellen of appen. Typ je telefoonnummer, "
    "of kies hieronder toch voor e-mail."
)
PHONE_BUT_EMAIL_CHOSEN = (
    "Dat lijkt een telefoonnummer, maar je koos voor e-mail. Typ je e-mailadres, "
    "of kies hieronder toch voor bellen."
)
PHONE_NOT_DUTCH = "Ik kan alleen Nederlandse telefoonnummers doorgeven. Heb je een Nederlands nummer of een e-mailadres?"

# --- bot/leads/status.py
TAKEN = "Deze aanmelding is al opgepakt door een collega."
LEAD_WITHDRAWN = "Deze aanmelding is ingetrokken; de gegevens zijn gewist."

# --- bot/leads/cards.py
CONSENT_KIND_TITLES = {
    "self": "eigen toestemming (16+)",
    "parent": "toestemming van ouder/verzorger",
}
UNKNOWN = "niet ingevuld"
AGE_UNKNOWN = "leeftijd niet ingevuld"
VIA_THIS_CHATBOT = "een bericht via deze chatbot"
CARD_NOT_YET_CLAIMED = "Nog niet opgepakt"
YOUR_CHILD = "je kind"
CONSENT_PREVIEW_INTRO_PARENT = (
    "Je kind wil graag meedoen met Join us en vraagt jouw toestemming om dit door te geven."
)
CONSENT_PREVIEW_INTRO = "Dit stuur ik naar Join us als je het goed vindt:"

# --- bot/leads/service.py
MSG_CLAIMED = (
    "Goed nieuws! 🎉 Iemand van Join us heeft je aanmelding opgepakt en neemt binnenkort contact "
    "met je op. Spannend misschien, maar je zit nergens aan vast."
)
MSG_CHAT_RELAY = "Bericht van Join us:\n\n{text}\n\n(Je kunt gewoon antwoorden met /antwoord gevolgd door je bericht.)"
MSG_PARENT_REFUSED = (
    "Je ouder of verzorger heeft (nog) geen toestemming gegeven. Ik heb je gegevens gewist. "
    "Je kunt het later samen opnieuw proberen, en vragen over Join us mag je me altijd stellen."
)
LEAD_UNKNOWN = "Deze aanmelding bestaat niet (meer)."
PARENT_CODE_UNKNOWN = "Deze code ken ik niet, of hij is verlopen. Vraag je kind om een nieuwe code."
PARENT_CODE_IS_FOR_PARENT = (
    "Deze code is voor je ouder of verzorger. Geef hem aan hen, dan kunnen zij hem hier invullen."
)
CLOSE_BUTTON = "🚫 Past niet / sluiten"
ONLY_CLAIMER_STATUS = "Alleen wie deze aanmelding heeft opgepakt kan de status aanpassen."
ONLY_CLAIMER_DETAILS = "Je ziet de contactgegevens pas als jij de aanmelding hebt opgepakt."
ONLY_CLAIMER_NOTE = "Alleen wie deze aanmelding heeft opgepakt kan een notitie toevoegen."
ONLY_CLAIMER_MESSAGE = "Alleen wie deze aanmelding heeft opgepakt kan berichten sturen."
NO_CHAT_CONTACT = "Deze jongere wil niet via de chat benaderd worden."
ALREADY_YOURS = "Je hebt deze aanmelding al opgepakt."

# --- bot/leads/telegram.py
NO_OPEN_LEADS = "Geen open aanmeldingen. 🎉"
PARENT_LINK_INVALID = "Deze link klopt niet helemaal. Typ de code die je kreeg gerust hier."
REPLY_HOW = "Typ je antwoord achter /antwoord, bijvoorbeeld: /antwoord Hoi, dat is goed!"
REPLY_NOBODY_YET = (
    "Er is nog niemand van Join us met je bezig via deze chat, dus ik kan dit niet doorsturen."
)
SHOW_LEAD_USAGE = "Gebruik: /lead &lt;id&gt;, bijvoorbeeld /lead K7Q2MX"
ADD_NOTE_USAGE = "Gebruik: /notitie &lt;id&gt; &lt;tekst&gt;"
RELAY_USAGE = "Gebruik: /bericht &lt;id&gt; &lt;tekst&gt;"

# --- the lead card in the staff group and the claimer's details (bot/leads/cards.py); (HTML)
# where marked: the code escapes every value.
CARD_AGE = "Leeftijd: {age}"
CARD_AREA = "Gebied: {area}"
CARD_ROUTE = "Contact bij voorkeur: {route}"
CARD_CONSENT = "Toestemming: {consent}"
CARD_SOURCE = "Bron/campagne: {source}"
NO_SOURCE = "geen (direct)"
DETAIL_NICKNAME = "Naam/bijnaam: {nickname}"
DETAIL_CONTACT = "Contactgegeven ({route}): {contact}"
DETAIL_WISHES = "Wat lijkt leuk om te doen: {wishes}"
DETAIL_PARENT_CONTACT = "Contact ouder/verzorger (gaf toestemming): {contact}"
DETAIL_SEND_MESSAGE = "Bericht sturen: /bericht {id} <tekst>"
DETAIL_NOTE = "Notitie: {note}"
CARD_NEW = "Nieuwe aanmelding"
# (HTML)
STAFF_CARD = (
    "<b>{title}: #{id}</b>\n{lines}\n\nOppakken? Dan krijg je de contactgegevens privé van mij."
)
# (HTML)
STAFF_DETAILS = "<b>Aanmelding #{id}</b> ({status})\n{lines}"
# What the young person (or the parent) sees before saying yes.
YOU = "jij"
BULLET = "• {line}"
CONSENT_PREVIEW = (
    "{intro}\n\n"
    "Alle medewerkers van Join us zien in hun groepschat:\n{shared}\n\n"
    "Alleen de medewerker die {you} gaat helpen ziet daarnaast:\n{private}\n\n"
    "Waarom? Zodat iemand van Join us contact kan opnemen over meedoen. Niemand anders krijgt dit te zien.\n"
    "Hoe lang? Tot de aanmelding is afgerond, daarna nog {days} dagen. Dan wordt het gewist. "
    "Intrekken kan altijd met /stop, en /vergeet wist alles meteen."
)
# Staff steps that are not possible now (bot/leads/status.py).
ALREADY_FINISHED = "Deze aanmelding is al afgerond ({status})."
NOT_NOW = "Dat kan nu niet: de status is '{status}'."
STAFF_LEAD_WITHDRAWN = (
    "Aanmelding #{id} is ingetrokken. De gegevens zijn gewist; neem geen contact op."
)
TYPE_DETAIL_OF = "Typ het telefoonnummer of e-mailadres van {who}, bijvoorbeeld 06 12345678 of naam@voorbeeld.nl."
# (HTML) /leads: the open leads and the staff help
OPEN_LEADS = "<b>Aanmeldingen</b>\n{leads}\n\n{help}"
REPLY_FORWARDED = "Doorgestuurd naar Join us! 👍"
# The statuses of a lead (and of a school request), as staff and the young person read them.
STATUS_LABELS = {
    "awaiting_parent": "wacht op toestemming ouder",
    "open": "nieuw, nog niet opgepakt",
    "claimed": "opgepakt",
    "contacted": "contact gehad",
    "signed_up": "aangemeld",
    "closed": "gesloten",
    "withdrawn": "ingetrokken",
}
# Staff lists (/leads, /verzoeken) and replies of the lead service.
NOTE_SAVED = "Notitie bij #{id} opgeslagen."
YOUNG_PERSON_ANSWERED = "Antwoord op #{id}:\n\n{text}"
CLAIMED_BY_YOU = " (door jou opgepakt)"
OPEN_LEAD_LINE = "#{id} · {status}{mine} · {age} · {area}"
