"""Texts of school requests: what our code says to school staff, students, parents and Join us staff.

How to edit (keep every {placeholder} and the HTML tags): docs/texts.md.
"""

# --- actions/school.py
USE_BUTTONS = "Kies met een van de knoppen hierboven, dan weet ik zeker wat je bedoelt."
WELCOME_SCHOOL = (
    "Fijn dat je er bent. Ik help schoolmedewerkers met eenzaamheid bij leerlingen: signalen "
    "herkennen, het gesprek aangaan, wie je betrekt en hoe je naar Join us verwijst. Ook kun je "
    "een presentatie of materiaal aanvragen. Waar kan ik je mee helpen?"
)
ASK_ROLE = (
    "Werk je op een school, bijvoorbeeld als mentor, docent, zorgcoördinator of teamleider? "
    "Dan beantwoord ik je vragen als professional."
)
ASK_ROLE_TOPIC = (
    "Deze informatie is bedoeld voor mensen die op een school werken. Bedoel je dat je op een "
    "school werkt?"
)
FEEDBACK_QUESTION = (
    "Je kwam via een link van je school. Mag ik je school laten weten dat je je hebt aangemeld, "
    "zodra dat zo is? Ze horen alleen dát je meedoet en later misschien in één zin hoe het gaat, "
    "niets over wat je vertelt. Je mag ook nee zeggen; dat heeft geen gevolgen. Intrekken kan "
    "altijd met 'mijn school hoeft het niet te weten'."
)
PARENT_FEEDBACK_QUESTION = (
    "Nog één vraag: je kind kwam via een verwijzing van school en vindt het goed dat de school "
    "hoort dát je kind zich heeft aangemeld (en later misschien in één zin hoe het gaat). Vind jij "
    "dat ook goed? Zonder jouw ja hoort de school niets."
)
CONTACT_VIA_ME = (
    "\nVia mij kan het ook: verwijs een leerling of vraag een presentatie of materiaal "
    "aan, dan neemt iemand van Join us contact met je op."
)
MENU_SIGNALS_BUTTON = "Signalen herkennen"
MENU_SIGNALS_QUESTION = "Welke signalen van eenzaamheid zie je op school?"
MENU_REFER_BUTTON = "Een leerling verwijzen"
MENU_PRESENTATION_BUTTON = "Presentatie aanvragen"
MENU_MATERIAL_BUTTON = "Flyers en posters"
FEEDBACK_YES_BUTTON = "Ja, dat mag"
CONTACT_UNKNOWN = (
    "Het telefoonnummer en e-mailadres van Join us heb ik nu niet bij de hand, en ik "
    "gok liever niet."
)
ASK_SCHOOL_NAME = "Op welke school werk je (naam en plaats)?"
ASK_STAFF_ROLE = "Wat is je functie?"
ASK_SCHOOL_CONTACT = "Op welk telefoonnummer of e-mailadres kan Join us je bereiken? (Je eigen werkgegevens, niet die van de leerling.)"
ASK_STUDENT_AGE = "Hoe oud is de leerling? Een naam heb ik niet nodig."
ASK_STUDENT_AGREES = "Weet de leerling van deze verwijzing en vindt hij of zij het goed?"
ASK_PARENTS_INFORMED = "Zijn de ouders of verzorgers op de hoogte?"
ASK_HOPES = "Wat hoop je dat Join us voor deze leerling betekent? Kort is prima, zonder namen of medische details."
ASK_PERIOD = "Wanneer past een presentatie in het mentorenoverleg of zorgteam het best in jullie jaarplanning?"
ASK_MATERIAL = "Welk materiaal wil je ontvangen?"
ROLE_SCHOOL_BUTTON = "Ja, ik werk op een school"
ROLE_YOUTH_BUTTON = "Nee, ik ben een jongere"
FEEDBACK_WITHDRAWN = "Geregeld: je school hoort niets meer van Join us over jouw aanmelding."
FEEDBACK_NOTHING_TO_WITHDRAW = (
    "Je school krijgt van Join us niets over jou te horen, dus er is niets in te trekken."
)
CONTACT_HEADER = "Zo bereik je Join us:\n"
# The facts shown, in this order, with their labels (the values are the console's Feiten).
CONTACT_LABELS = {
    "contact.phone": "Telefoon",
    "contact.email": "E-mail",
    "contact.office_hours": "Bereikbaar",
    "organisation.website": "Website",
}
NO_BUTTON = "Nee"
SEND_YES_BUTTON = "Ja, versturen"
SEND_NO_BUTTON = "Nee, niet versturen"
YOUTH_ROLE_SET = "Oké! Dan praat ik met je als jongere. Vraag me gerust alles over Join us. 🙂"
NOTHING_SENT = "Prima, ik heb niets verstuurd en niets bewaard."
ROLE_MENTOR_BUTTON = "Mentor"
ROLE_TEACHER_BUTTON = "Docent"
ROLE_CARE_COORDINATOR_BUTTON = "Zorgcoördinator"
ROLE_TEAM_LEADER_BUTTON = "Teamleider"
ROLE_OTHER_BUTTON = "Anders"
AGE_18_PLUS_BUTTON = "18 jaar of ouder"
STUDENT_AGREES_BUTTON = "Ja, de leerling vindt het goed"
STUDENT_NOT_YET_BUTTON = "Nee, nog niet"
PARENTS_INFORMED_BUTTON = "Ja"
PARENTS_NOT_YET_BUTTON = "Nog niet"
STUDENT_IS_ADULT_BUTTON = "Leerling is 18+"
PERIOD_SEP_OCT_BUTTON = "September - oktober"
PERIOD_NOV_DEC_BUTTON = "November - december"
PERIOD_JAN_MAR_BUTTON = "Januari - maart"
PERIOD_APR_JUN_BUTTON = "April - juni"
MATERIAL_FLYERS_BUTTON = "Flyers"
MATERIAL_POSTERS_BUTTON = "Posters"
MATERIAL_FACTSHEET_BUTTON = "Factsheet"
MATERIAL_ALL_BUTTON = "Alles"
FEEDBACK_STUDENT_YES = (
    "Top, dan hoort je school het als je bent aangemeld. Ben je jonger dan 16, "
    "dan vraag ik het ook aan je ouder of verzorger. Wil je het toch niet? Zeg dan "
    "'mijn school hoeft het niet te weten'."
)
FEEDBACK_STUDENT_NO = "Prima, je school hoort hier niets over van Join us. 👍"
FEEDBACK_PARENT_YES = "Dank je wel. De school hoort alleen dát je kind zich heeft aangemeld."
FEEDBACK_PARENT_NO = "Helder: de school hoort hier niets over van Join us."
REFERRAL_NOT_AGREED = (
    "Dan stuur ik niets door. Verwijs alleen als de leerling het goed vindt: "
    "bespreek eerst of hij of zij het zelf wil veranderen en of Join us past. Je kunt "
    "de leerling ook de flyer geven, dan kiest hij of zij zelf."
)
I_WANT_TO_JOIN_BUTTON = "Ik wil meedoen"
CHOOSE_STUDENT_AGE = (
    "Kies de leeftijd van de leerling met een knop; Join us is voor 12 t/m 25 jaar."
)
REQUEST_SENT_CODE_LINK = (
    "Verstuurd (#{request}). Join us neemt contact met je op.\n\n"
    "Geef de leerling (en de ouders) deze persoonlijke link:\n{link}\n"
    "of de code {prefix}{code}. Meldt de leerling zich via die link aan, dan "
    "vraag ik of jij het mag horen. Alleen bij ja (en onder 16 ook een ja van een ouder) "
    "krijg je hier bericht zodra de aanmelding rond is."
)
REQUEST_SENT = (
    "Verstuurd (#{request}). Join us neemt contact met je op; je krijgt "
    "hier bericht als je verzoek is opgepakt en afgerond."
)

# --- actions/feelings.py: 'stop' inside a school form
SCHOOL_FORM_STOPPED = (
    "Oké, ik stop met deze vragen. Er is niets verstuurd en wat je net had ingevuld, heb ik gewist."
)

# --- bot/school/requests.py
MSG_CLAIMED = {
    "referral": "Je verwijzing #{id} is opgepakt door Join us. Iemand neemt contact met je op.",
    "presentation": "Je verzoek om een presentatie (#{id}) is opgepakt. Join us neemt contact met je op om een moment te plannen.",
    "material": "Je verzoek om materiaal (#{id}) is opgepakt door Join us.",
}
UPDATE_TITLES = {
    "going": "Komt naar de avonden",
    "settling": "Nog aan het wennen",
    "paused": "Komt nu niet",
}
MSG_DONE = "Je verzoek #{id} is afgerond door Join us. Dank je wel!"
MSG_ANSWER = "Antwoord van Join us op #{id}:\n\n{text}"
UPDATE_SENT = "Update verstuurd naar de school."
ANSWER_SENT = "Verstuurd naar de school."
THIS_REQUEST = "Dit verzoek"
REQUEST_UNKNOWN = "Dit verzoek bestaat niet (meer)."
UPDATE_UNKNOWN = "Onbekende update."
ANSWER_SAVED_NO_CHAT = (
    "Opgeslagen, maar deze school is niet via de chat te bereiken: gebruik het contactgegeven."
)
SCHOOL_MAY_NOT_HEAR = "Voor deze aanmelding mag de school niets (meer) horen."
ONLY_CLAIMER_UPDATE = "Alleen wie deze aanmelding heeft opgepakt kan een update sturen."
REQUEST_ERASED = "Het verzoek van de school is al gewist."
ONLY_CLAIMER_STATUS = "Alleen wie dit verzoek heeft opgepakt kan de status aanpassen."
CLAIM_FIRST = "Pak het verzoek eerst op; dan kun je de school antwoorden."
ALREADY_YOURS = "Je hebt dit verzoek al opgepakt."
TAKEN_BY_COLLEAGUE = "Dit verzoek is al opgepakt door een collega."
MY_DATA_CHAT = ", je chat met mij"

# --- bot/school/cards.py
KIND_TITLES = {
    "referral": "Verwijzing van school",
    "presentation": "Verzoek om een presentatie",
    "material": "Verzoek om materiaal",
}
PARENTS_INFORMED = {
    "yes": "ja, ouders weten ervan",
    "not_yet": "nog niet",
    "adult": "niet van toepassing (18+)",
}
BROAD_UPDATES = {
    "going": "De leerling komt naar de groepsavonden.",
    "settling": "De leerling is nog aan het wennen bij de groep.",
    "paused": "De leerling komt op dit moment niet naar de groep.",
}
DETAIL_TITLE_HOPES = "Wat hoopt de school"
CARD_STUDENT_AGREES = "Leerling vindt verwijzing goed: ja"

# --- bot/school/telegram.py
REQUESTS_HELP = (
    "<b>Verzoeken van scholen</b>\n"
    "/verzoeken — open verzoeken en die van jou\n"
    "/verzoek &lt;id&gt; &lt;tekst&gt; — antwoord aan de school (als jij het hebt opgepakt)\n"
    "Status zet je met de knoppen onder de kaart; 'Afgerond' laat de school dat weten."
)
NO_OPEN_REQUESTS = "Geen open verzoeken van scholen."
ANSWER_USAGE = "Gebruik: /verzoek &lt;id&gt; &lt;tekst&gt;"

# --- notices and /mijngegevens of a school employee (bot/school/requests.py)
STAFF_UPDATE_OFFER = (
    "De school die #{id} verwees heeft bericht gekregen dat de "
    "jongere is aangemeld (met toestemming). Later een korte update sturen? Kies er "
    "een; de school ziet alleen die ene zin."
)
MY_DATA_HEADER = "Als schoolmedewerker:\n"
MY_DATA_BULLET = "• {line}"
MY_DATA_REQUEST = "{kind} #{id} ({status}): school {school}, contact {contact}"

# --- labels of what a school employee chose (bot/school/cards.py)
STAFF_ROLES = {
    "mentor": "mentor",
    "docent": "docent",
    "zorgcoordinator": "zorgcoördinator",
    "teamleider": "teamleider",
    "anders": "andere functie op school",
}
PERIODS = {
    "sep_okt": "september - oktober",
    "nov_dec": "november - december",
    "jan_mrt": "januari - maart",
    "apr_jun": "april - juni",
}
MATERIALS = {
    "flyers": "flyers",
    "posters": "posters",
    "factsheet": "factsheet",
    "all": "flyers, posters en factsheet",
}

# --- the request card in the staff group and its details (bot/school/cards.py)
CARD_SCHOOL = "School: {school}"
CARD_ROLE = "Functie: {role}"
CARD_STUDENT_AGE = "Leeftijd leerling: {age}"
CARD_PARENTS_INFORMED = "Ouders op de hoogte: {informed}"
CARD_DETAIL = "{title}: {value}"
CARD_SCHOOL_CONTACT = "Contact school: {contact}"
CARD_YOUR_CONTACT = "Je contact: {contact}"
DETAIL_TITLE_PERIOD = "Voorkeursperiode"
DETAIL_TITLE_MATERIAL = "Materiaal"
# (HTML)
STAFF_CARD = (
    "<b>{kind}: #{id}</b>\n{lines}\n\nOppakken? Dan krijg je het contactgegeven privé van mij."
)
# (HTML)
STAFF_DETAILS = (
    "<b>{kind} #{id}</b> ({status})\n{lines}\n\n"
    "Antwoorden aan de school: /verzoek {id} &lt;tekst&gt;"
)
# What the school employee sees before sending.
REQUEST_SUMMARY = (
    "Dit stuur ik naar Join us:\n{lines}\n\n"
    "Alle medewerkers van Join us zien dit zonder je contactgegeven; alleen wie het oppakt ziet "
    "dat ook. Ik bewaar ook via welke chat je dit stuurt, zodat je hier antwoord krijgt. "
    "Alles wordt gewist als het verzoek is afgerond, plus de bewaartermijn. Versturen?"
)
# What the referring mentor hears (only with the student's consent).
MENTOR_SIGNED_UP = (
    "Goed nieuws over je verwijzing #{id}: de leerling heeft zich aangemeld bij Join us. 🎉\n"
    "De leerling (en bij jonger dan 16 ook een ouder) gaf toestemming dat je dit hoort. Meer "
    "details delen we niet; vraag de leerling gerust zelf hoe het gaat."
)
# (HTML: the update is escaped by the code)
MENTOR_UPDATE = (
    "Korte update over je verwijzing #{id}: {update}\n(Met toestemming van de leerling.)"
)
ENOUGH_UPDATES = "Er zijn al genoeg updates gestuurd."
OPEN_REQUEST_LINE = "#{id} · {kind} · {status}{mine} · {school}"
