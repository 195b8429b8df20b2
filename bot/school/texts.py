"""Texts of school requests: what our code says to school staff, students, parents and Join us staff.

Edit the words freely (Dutch: "je" for young people, "u" for parents and professionals, short
and professional for staff). Keep every {placeholder}: the code fills it in. Texts marked (HTML)
are sent as Telegram HTML: keep their tags. What Rasa itself says is in domain/*.yml.
Convention: /work/notes/texts-convention.md; tests/unit/test_texts.py checks for doubles.
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
FEEDBACK_NO_BUTTON = "Nee, liever niet"
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
OLD_BUTTON = "Deze knop werkt niet meer."
NOTHING_SENT = "Prima, ik heb niets verstuurd en niets bewaard."
ROLE_MENTOR_BUTTON = "Mentor"
ROLE_TEACHER_BUTTON = "Docent"
ROLE_CARE_COORDINATOR_BUTTON = "Zorgcoördinator"
ROLE_TEAM_LEADER_BUTTON = "Teamleider"
ROLE_OTHER_BUTTON = "Anders"
AGE_12_15_BUTTON = "12 t/m 15 jaar"
AGE_16_17_BUTTON = "16 of 17 jaar"
AGE_18_PLUS_BUTTON = "18 jaar of ouder"
STUDENT_AGREES_BUTTON = "Ja, de leerling vindt het goed"
STUDENT_NOT_YET_BUTTON = "Nee, nog niet"
PARENTS_INFORMED_BUTTON = "Ja"
PARENTS_NOT_YET_BUTTON = "Nog niet"
STUDENT_IS_ADULT_BUTTON = "Leerling is 18+"
SKIP_BUTTON = "Sla over"
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
WHAT_IS_JOINUS_BUTTON = "Wat is Join us?"
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
