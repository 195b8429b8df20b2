"""Texts of the ambassador programme: what our code sends to students, their parents and coaches.

Edit the words freely; keep every {placeholder} (it is filled in by the code) and the HTML tags
in texts marked (HTML): a section marked (HTML) is sent with HTML parse mode, and the code
escapes the values, not this file. Students get "je", parents "u", coaches short and plain.
Each name says where the text shows.
"""

# --- dates, as in "vrijdag 24 oktober" ------------------------------------------------------------

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

# --- stand-ins for a name -------------------------------------------------------------------------

NAME_PLACEHOLDER = "ambassadeur"  # stored when Telegram gave no first name
SOMEONE = "Een ambassadeur"
YOUR_CHILD = "uw kind"  # to a parent, when no first name was kept
NAME_NOT_KEPT = "(naam nog niet bewaard)"
DEFAULT_ACTIVITY = "ambassadeurswerk"

# --- refusals: a command or button that cannot be done (the code escapes them) --------------------

NOT_AN_AMBASSADOR = "Je bent (nog) geen ambassadeur. Heb je een uitnodigingslink gekregen?"
WAITING_FOR_PARENT = (
    "We wachten nog op de toestemming van je ouder of verzorger. Daarna kun je aan de slag!"
)
NOT_ENROLLED = "Je staat niet (meer) ingeschreven als ambassadeur."
SCHOOL_NAME_LENGTH = "Geef de naam van de school (2-120 tekens)."
INVITE_NOT_WORKING = (
    "Deze uitnodiging werkt niet (meer). Vraag je begeleider van Join us om een nieuwe link."
)
INVITE_UNKNOWN = "Deze uitnodiging ken ik niet. Vraag je begeleider om een nieuwe link."
INVITE_USED = "Deze uitnodiging is al gebruikt of verlopen. Vraag je begeleider om een nieuwe link."
PARENT_CODE_NOT_WORKING = (
    "Deze code werkt niet (meer). Uw kind kan via de begeleider van Join us een nieuwe aanvragen."
)
PARENT_LINK_NOT_FOR_CHILD = (
    "Deze link is voor je ouder of verzorger. Stuur hem naar hen door, dan kunnen "
    "zij toestemming geven."
)
TASK_NOT_FOUND = "Die taak kan ik niet vinden (of hij is al klaar). Kijk even bij /taken."
TASK_UNKNOWN_OR_CLOSED = "Taak {task} bestaat niet of is al afgerond/geschrapt."
TASK_TITLE_EMPTY = "Geef de taak een titel."
TEAM_UNKNOWN = "Team {team} bestaat niet."
TEAM_UNKNOWN_SEE_TEAMS = "Team {team} bestaat niet. Zie /ambteams."
NOT_IN_TEAM = "Ambassadeur {ambassador} zit niet in dit team."
AMBASSADOR_UNKNOWN = "Die ambassadeur bestaat niet (meer)."
HOURS_UNKNOWN = "Die urenregel bestaat niet."
NOT_ENOUGH_HOURS = "Nog niet genoeg bevestigde uren: {hours} van de 30."
DATE_AFTER_TODAY = "Kies een datum na vandaag."
DATE_AFTER_SCHOOL_YEAR = (
    "Dat is na het einde van het schooljaar. Overleg even met je begeleider (/vraag)."
)
QUESTION_EMPTY = "Typ je vraag achter /vraag, bijvoorbeeld: /vraag Wanneer is de presentatie?"
HOURS_NOT_UNDERSTOOD = "Typ het aantal uren als getal, bijvoorbeeld 2 of 1,5."
HOURS_OUT_OF_RANGE = "Dat aantal uren klopt niet helemaal: kies iets tussen 0,25 en 12."
# how to type a command, when it came with too little
USAGE_DONE = "Welke taak? Typ bijvoorbeeld /klaar 12 (het nummer staat bij /taken)."
USAGE_SNOOZE = "Typ het taaknummer en de nieuwe datum, bijvoorbeeld: /uitstel 12 30-10"
USAGE_HOURS = "Typ je uren en wat je deed, bijvoorbeeld: /uren 1,5 presentatie voorbereid"
USAGE_INVITE = "Gebruik: /ambnodig <naam van de school> [startjaar, bv. 2025]"
USAGE_TEAM_TASKS = "Gebruik: /ambtaken <team>"
USAGE_ADD_TASK = "Gebruik: /ambtaak <team> <team|ambassadeur> <datum> <titel>"
USAGE_CHANGE_DATE = "Gebruik: /ambdatum <taak> <datum>"
USAGE_CHANGE_TITLE = "Gebruik: /ambtitel <taak> <nieuwe titel>"
USAGE_REASSIGN = "Gebruik: /ambnaar <taak> <team|ambassadeur>"
USAGE_CANCEL = "Gebruik: /ambschrap <taak>"
USAGE_CERTIFICATE = "Gebruik: /ambcertificaat <ambassadeur>"
USAGE_SUMMARY = "Gebruik: /ambweek <team>"

# --- to the student, through the outbox (HTML) ----------------------------------------------------

PARENT_AGREED = (
    "Goed nieuws, {name}! Je ouder heeft toestemming gegeven. Welkom als ambassadeur van "
    "Join us 🎉 Typ /taken om te zien wat er op de planning staat."
)
TASK_NEW = "Nieuwe taak"
TASK_NEW_DATE = "Nieuwe datum"
TASK_FOR_YOU = "Taak voor jou"
TASK_ANNOUNCED = "{what}: <b>{title}</b> — vóór {day}. Typ /taken voor je lijstje."
REMINDER_SOON = "Hoi {name}! Even een seintje: <b>{title}</b> staat op je planning voor {day}."
REMINDER_TODAY = "Hoi {name}! Vandaag staat op je planning: <b>{title}</b>. Succes! 💪"
REMINDER_OVERDUE = (
    "Hoi {name}, <b>{title}</b> stond voor {day}. Geen stress: is het gelukt, "
    "of heb je wat meer tijd nodig?"
)
BUTTON_DONE = "✅ Klaar"
BUTTON_MORE_TIME = "⏰ Meer tijd"
HOURS_CONFIRMED = (
    "Je begeleider heeft {hours} uur bevestigd ({activity}). Je staat op {total} van de 30 uur."
)
HOURS_TARGET_REACHED = "Je hebt de 30 uur gehaald! 🎉 Je begeleider kan nu je certificaat maken."
HOURS_REJECTED = (
    "Je begeleider heeft {hours} uur ({activity}) niet goedgekeurd. Vraag gerust waarom (/vraag)."
)
CERTIFICATE_EARNED = (
    "Gefeliciteerd, {name}! 🎉 Je hebt je 30 uur maatschappelijke stage bij Join us gehaald en "
    "bent nu officieel ‘Ambassadeur Join us’. Typ /certificaat om je certificaat te krijgen."
)
PRIVACY_HEADER = "Als ambassadeur (voornaam en chat versleuteld):"
PRIVACY_LINE = "• {name}, ambassadeur op {school} ({year}), je chat met mij, {hours} bevestigd"

# --- to the coach, through the outbox (HTML) ------------------------------------------------------

COACH_NEW = "Nieuwe ambassadeur: {name} ({school})."
COACH_NEW_UNDER_16 = (
    "Nieuwe ambassadeur voor {school}: jonger dan 16, wacht op toestemming van een ouder."
)
COACH_PARENT_YES = "Nieuwe ambassadeur: {name} ({school}), ouder heeft toestemming gegeven."
COACH_PARENT_NO = (
    "Een ouder gaf geen toestemming voor een ambassadeur van {school}; de aanmelding is verwijderd."
)
COACH_LEFT = (
    "{name} ({school}) is gestopt als ambassadeur; naam en chat zijn gewist, herinneringen gestopt."
)
COACH_FORGOTTEN = (
    "Een ambassadeur van {school} heeft gevraagd alles te wissen; naam, chat en uren zijn "
    "gewist, herinneringen gestopt."
)
COACH_BLOCKED = (
    "⚠️ {name} ({school}) heeft de bot geblokkeerd of de chat verlaten. Herinneringen zijn "
    "gestopt; ze gaan weer door zodra die weer iets stuurt."
)
COACH_TASK_DONE = "✅ {name} ({school}) heeft afgerond: {title}"
COACH_MORE_TIME = "⏰ {name} ({school}) vraagt meer tijd voor: {title}\nWas {old}, nu {new}."
COACH_QUESTION = "❓ Vraag van {name} ({school}):\n{question}"
COACH_HOURS_LOGGED = "🕒 {name} ({school}) schreef {hours} uur: {activity}"
BUTTON_CONFIRM = "Bevestigen"
BUTTON_REJECT = "Afwijzen"

SUMMARY_TITLE = "<b>Weekoverzicht ambassadeurs — {school} ({year})</b>"
SUMMARY_DONE = "Afgerond (afgelopen week): {count}"
SUMMARY_DONE_LINE = "  ✅ {title}"
SUMMARY_DUE = "Deze week te doen: {count}"
SUMMARY_DUE_LINE = "  • {title} ({day})"
SUMMARY_OVERDUE = "Te laat: {count}"
SUMMARY_OVERDUE_LINE = "  ⚠️ {title} ({day})"
SUMMARY_HOURS = "Uren (bevestigd / wacht op bevestiging, van 30):"
SUMMARY_AWAITING_PARENT = "  {id}: wacht op toestemming ouder"
SUMMARY_MEMBER = "  {id} {name}{mark}: {confirmed} / {pending}"
SUMMARY_BLOCKED_MARK = " (geblokkeerd)"
SUMMARY_NOBODY = "  (nog niemand ingeschreven)"

# --- joining: the invite link, the student's choice, the parent's link (HTML) ---------------------

WELCOME = (
    "Hoi! 👋 Je bent uitgenodigd als <b>ambassadeur van Join us</b> voor {school} ({year}).\n\n"
    "Als ambassadeur loop je je maatschappelijke stage (30 uur) bij Join us: samen met twee "
    "andere leerlingen maak je Join us bekend op school. Ik help je daarbij: je ziet wat er "
    "op de planning staat, ik stuur je op tijd een seintje (niet 's nachts en niet onder "
    "schooltijd) en ik houd je uren bij. Je begeleider van Join us tekent je uren af.\n\n"
    "Daarvoor bewaar ik je <b>voornaam</b> en <b>deze Telegram-chat</b> (versleuteld). Je "
    "begeleider ziet je voornaam, je taken en je uren. Na het schooljaar (uiterlijk 31 augustus) "
    "wis ik je naam en chat. Stoppen kan altijd met /stopambassadeur.\n\n"
    "Is dat goed?"
)
BUTTON_AGREE_16 = "Ja, ik ben 16 of ouder"
BUTTON_AGREE_UNDER_16 = "Ja, maar ik ben jonger dan 16"
ALREADY_ENROLLED = "Je bent al ingeschreven als ambassadeur. Typ /taken voor je planning."
ASK_YOUR_PARENT = (
    "Fijn dat je meedoet! 🙌 Omdat je jonger bent dan 16, moet een ouder of verzorger "
    "eerst toestemming geven. Stuur deze link naar je ouder (hij werkt {days} dagen):\n\n"
    "{link}\n\nZodra die heeft bevestigd, stuur ik je een berichtje."
)
WELCOME_ABOARD = (
    "Welkom als ambassadeur van Join us, {name}! 🎉\nJe begeleider weet dat je erbij bent.\n\n"
)
DECLINED = "Helemaal goed! Ik heb niets van je bewaard. Bedenk je je? Open de link dan opnieuw."
PARENT_QUESTION = (
    "Hallo! {name} wil ambassadeur van Join us worden op {school} ({year}): een maatschappelijke "
    "stage van 30 uur, begeleid door een groepsleider van Join us.\n\n"
    "Omdat uw kind jonger is dan 16, vragen we u als ouder of verzorger om toestemming. "
    "Wat we bewaren: de voornaam van uw kind en de Telegram-chat met deze assistent "
    "(versleuteld), om herinneringen voor stagetaken te sturen. De begeleider ziet de voornaam, "
    "de taken en de uren. Na het schooljaar (uiterlijk 31 augustus) wissen we naam en chat. "
    "Intrekken kan altijd: uw kind stuurt /stopambassadeur.\n\n"
    "Geeft u toestemming?"
)
BUTTON_PARENT_NO = "Nee"
PARENT_THANKS = "Dank u wel! {name} kan nu aan de slag als ambassadeur. 🎉"
PARENT_DECLINED = "Duidelijk. We hebben de aanmelding en de gegevens van uw kind gewist."

# --- the student's commands and buttons (HTML) ----------------------------------------------------

HELP = (
    "Zo werkt het:\n"
    "• /taken — wat staat er op je planning?\n"
    "• /klaar 12 — taak 12 afvinken\n"
    "• /uitstel 12 vrijdag — meer tijd voor taak 12 (of een datum: 30-10, over een week)\n"
    "• /uren 1,5 presentatie voorbereid — uren bijschrijven\n"
    "• /voortgang — hoeveel van je 30 uur heb je al?\n"
    "• /vraag … — een vraag aan je begeleider"
)
NOT_A_NUMBER = "{what} moet een nummer zijn, bijvoorbeeld 12."
WHAT_TASK = "Het taaknummer"
WHAT_DAYS = "Het aantal dagen"
NO_OPEN_TASKS = "Je hebt nu geen open taken. Lekker bezig! 🙌"
TASKS_TITLE = "<b>Jouw planning</b>"
TASK_LINE = "<b>#{id}</b> {title}{who} — {when}"
TASK_LINE_FOR_YOU = " (voor jou)"
TASK_LINE_DUE = "vóór {day}"
TASK_LINE_OVERDUE = "⚠️ was {day}"
TASKS_MORE_LATER = "…en nog {count} later dit schooljaar."
TASKS_HINT = "\nAfvinken: /klaar 12 · Meer tijd: /uitstel 12 30-10 · Uren: /uren 1,5 wat je deed"
BUTTON_TASK_DONE = "✅ #{id} klaar"
BUTTON_TASK_MORE = "⏰ #{id} meer tijd"
TASK_DONE = "Top, afgevinkt: {title} 🎉\nSchrijf je ook je uren bij? Bijvoorbeeld: /uren 2 {hint}"
TASK_SNOOZED = (
    "Oké! Nieuwe datum voor {title}: {day}. "
    "Ik heb je begeleider even laten weten dat je wat meer tijd hebt."
)
HOW_MUCH_MORE_TIME = (
    "Hoeveel extra tijd heb je nodig? Of kies zelf een datum: /uitstel {task} 30-10"
)
SNOOZE_3_DAYS = "+3 dagen"
SNOOZE_1_WEEK = "+1 week"
SNOOZE_2_WEEKS = "+2 weken"
HOURS_LOGGED = "Genoteerd: {hours} uur. Je begeleider bevestigt ze.\n{progress}"
PROGRESS_BAR = "{bar} {hours} van de 30 uur bevestigd"
PROGRESS_PENDING = " (+{hours} wacht op je begeleider)"
PROGRESS_REACHED = "Je hebt de 30 uur gehaald! 🎉"
QUESTION_PASSED_ON = (
    "Ik heb je vraag doorgestuurd naar je begeleider. Die neemt contact met je op. 👍"
)
CERTIFICATE_NOT_YET = "Je certificaat is er nog niet. "
CERTIFICATE_FILENAME = "certificaat-ambassadeur-join-us.pdf"
CERTIFICATE_CAPTION_STUDENT = "Je certificaat ‘Ambassadeur Join us’. Trots op je! 🎉"
ASK_STOP = (
    "Wil je stoppen als ambassadeur? Dan wis ik je naam en deze chat en stuur ik geen "
    "herinneringen meer. Je begeleider krijgt een berichtje."
)
BUTTON_STOP = "Ja, ik stop"
BUTTON_STAY = "Nee, ik ga door"
STOPPED = "Je bent uitgeschreven en ik heb je naam en chat gewist. Bedankt voor je inzet! 💛"
STAYING = "Fijn! Typ /taken om verder te gaan."
STALE_BUTTON_TASKS = "Deze knop werkt niet meer. Typ /taken."

# --- the coach's /amb… commands and buttons (HTML) ------------------------------------------------

STAFF_HELP = (
    "Ambassadeurs — commando's voor medewerkers:\n"
    "/ambnodig &lt;school&gt; [jaar] — eenmalige uitnodigingslink (maakt het team + jaarplan)\n"
    "/ambteams [jaar] — teams per school, wie ingeschreven is, uren\n"
    "/ambtaken &lt;team&gt; — open taken van een team\n"
    "/ambtaak &lt;team&gt; &lt;team|ambassadeur&gt; &lt;datum&gt; &lt;titel&gt; — taak toevoegen\n"
    "/ambdatum &lt;taak&gt; &lt;datum&gt; · /ambtitel &lt;taak&gt; &lt;titel&gt; · /ambnaar &lt;taak&gt; &lt;team|ambassadeur&gt; · "
    "/ambschrap &lt;taak&gt;\n"
    "/amburen — uren die op bevestiging wachten\n"
    "/ambcertificaat &lt;ambassadeur&gt; — certificaat bij 30 bevestigde uren\n"
    "/ambweek &lt;team&gt; — weekoverzicht nu\n"
    "/ambjaarplan [jaar] — het jaarplan uit de handleiding met data\n"
    "&lt;datum&gt;: bijvoorbeeld vrijdag, morgen, over 2 weken, 24 oktober of 24-10"
)
WHAT_TEAM = "Het team"
WHAT_THE_TASK = "De taak"
WHAT_AMBASSADOR = "De ambassadeur"
WHAT_YEAR = "Het jaar"
WHAT_HOURS_ENTRY = "De urenregel"
INVITE_MADE = (
    "Uitnodiging voor één ambassadeur van {school} ({year}, team {team}), geldig tot "
    "{until}:\n{link}\nEén link per leerling; maak er voor elke ambassadeur een."
)
NO_TEAMS = "Nog geen ambassadeursteams dit schooljaar. Maak er een met /ambnodig &lt;school&gt;."
TEAM_LINE = "<b>Team {id}: {label}</b> — {open} open taken, {overdue} te laat"
TEAM_MEMBER_LINE = "  {id}. {name} [{status}] {hours} uur bevestigd{pending}{cert}"
TEAM_MEMBER_PENDING = ", {hours} wacht"
TEAM_MEMBER_CERTIFICATE = " 🎓"
TEAM_TASK_LINE = "#{id} {title} — {day} — {who}{late}"
WHOLE_TEAM_SHORT = "hele team"
WHOLE_TEAM = "het hele team"
TEAM_TASK_LATE = " ⚠️ te laat"
NO_TEAM_TASKS = "Geen open taken."
TASK_ADDED = "Taak #{id} toegevoegd: {title} ({day})."
TASK_MOVED = "Taak #{id} staat nu op {day}."
TASK_RENAMED = "Taak #{id} heet nu: {title}"
TASK_REASSIGNED = "Taak #{id} is nu voor {who}."
TASK_CANCELLED = "Taak #{id} ({title}) is geschrapt."
NO_HOURS_WAITING = "Er wachten geen uren op bevestiging."
HOURS_WAITING_LINE = "{name} ({school}): {hours} uur — {activity}"
CERTIFICATE_CAPTION_COACH = (
    "Certificaat voor {name} ({school}). De ambassadeur kan het ook zelf ophalen met /certificaat."
)
YEAR_PLAN_TITLE = "<b>Jaarplan ambassadeurs {year}</b> (handleiding, bijlage 5)"
YEAR_PLAN_LINE = "{period} → {day} [{owner}]: {title}"
OWNER_COACH = "begeleider"
OWNER_AMBASSADORS = "ambassadeurs"
VERDICTS = {"confirmed": "bevestigd", "rejected": "afgewezen"}
READY_FOR_CERTIFICATE = " Klaar voor het certificaat: /ambcertificaat {id}"
HOURS_DECIDED = "{hours} uur van {name} {verdict}. Totaal bevestigd: {total} van 30.{extra}"

# --- the certificate (PDF, plain) -----------------------------------------------------------------

CERTIFICATE_TITLE = "Certificaat"
CERTIFICATE_SUBTITLE = "‘Ambassadeur Join us’"
CERTIFICATE_DECLARES = "Hierbij verklaart Stichting Join us dat"
CERTIFICATE_SCHOOL = "van {school}"
CERTIFICATE_YEAR = "in het schooljaar {year}"
CERTIFICATE_WAS_AMBASSADOR = "ambassadeur van Join us is geweest en"
CERTIFICATE_HOURS = "{hours} uur maatschappelijke stage heeft gelopen."
CERTIFICATE_THANKS = "Dank je wel voor je inzet voor jongeren die erbij willen horen!"
CERTIFICATE_ISSUED = "Uitgereikt op {day} {month} {year}"
CERTIFICATE_SIGNED = "Stagebegeleider Join us"

# --- the year plan of the handbook (Bijlage 5): when, the task, what it means (HTML-escaped) ----
# when (the handbook's own words)
PLAN_BEGIN_SEPTEMBER = "Begin september"
PLAN_END_SEPTEMBER = "Eind september"
PLAN_BEGIN_OCTOBER = "Begin oktober"
PLAN_END_OCTOBER = "Eind oktober"
PLAN_NOVEMBER_DECEMBER = "November t/m december"
PLAN_JANUARY_MARCH = "Januari t/m maart"
PLAN_JANUARY_JUNE = "Januari t/m juni"
PLAN_APRIL_JUNE = "April t/m juni"
# what to do, and what it means
PLAN_SEP_OPROEP_TITLE = "Oproep plaatsen voor ‘Ambassadeurs van Join us’"
PLAN_SEP_OPROEP_TEXT = (
    "Maak het project bij iedereen binnen de school bekend, bijvoorbeeld in de schoolkrant, op "
    "de beeldkrant of via de leerlingenraad."
)
PLAN_SEP_GESPREKKEN_TITLE = (
    "Aangemelde leerlingen uitnodigen voor een gesprek en een drietal kiezen"
)
PLAN_SEP_GESPREKKEN_TEXT = (
    "Plan hiervoor bijvoorbeeld een dagdeel, zodat de gesprekken op één dag plaatsvinden."
)
PLAN_OKT_MEELOPEN_TITLE = "Loop minstens één keer mee bij een avondgroep van Join us"
PLAN_OKT_MEELOPEN_TEXT = (
    "Zo leer je Join us en de werkwijze kennen en kom je in contact met de deelnemers."
)
PLAN_OKT_VOORBEREIDEN_TITLE = "Bereid samen de presentatie voor"
PLAN_OKT_VOORBEREIDEN_TEXT = (
    "De presentatie is voor de teamleiders, zorgcoördinatoren en directie van je school."
)
PLAN_OKT_PRESENTATIE_TITLE = "Geef de presentatie aan teamleiders, zorgcoördinatoren en directie"
PLAN_OKT_PRESENTATIE_TEXT = (
    "Maak duidelijk wat Join us is en welke doelen het nastreeft. Gebruik de FACT-sheet van "
    "Join us als toelichting."
)
PLAN_NOV_PROMOTIE_TITLE = "Maak Join us bekend op school"
PLAN_NOV_PROMOTIE_TEXT = (
    "Gebruik wat je school heeft: iets in de leerlingenkrant, de leerlingenraad erbij "
    "betrekken, de beeldkrant of voorlichting aan leerlingen."
)
PLAN_NOV_GEMEENTE_TITLE = "(Mogelijk) Join us bekend maken in de gemeente"
PLAN_NOV_GEMEENTE_TEXT = (
    "Stel Join us kort voor aan huisartsen en ambtenaren en geef ze promotiemateriaal."
)
PLAN_JAN_PRESENTATIE_LEERLINGEN_TITLE = (
    "Regel met mentoren of het zorgteam een presentatie aan leerlingen"
)
PLAN_JAN_PRESENTATIE_LEERLINGEN_TEXT = (
    "Kies als groep zelf de vorm die het best past. Bedenk hoe je deelnemers van Join us kunt "
    "inzetten, om eenzame jongeren te signaleren en te activeren om naar Join us te gaan."
)
PLAN_JAN_SIGNALERING_TITLE = "Blijf in contact met teamleiders, zorgcoördinatoren en mentoren"
PLAN_JAN_SIGNALERING_TEXT = (
    "Koppel regelmatig terug hoe het met leerlingen gaat bij Join us (alleen met hun "
    "toestemming). Betrek ook conciërges of schoolwachten: die zien vaak veel."
)
PLAN_APR_EVALUATIE_TITLE = "Evalueer wat je hebt geleerd en schrijf aanbevelingen voor volgend jaar"
PLAN_APR_EVALUATIE_TEXT = (
    "Samen met je begeleider; de aanbevelingen zijn voor de drie leerlingen die het project "
    "volgend schooljaar voortzetten."
)
PLAN_APR_EINDBEOORDELING_TITLE = (
    "Eindbeoordeling geven en het certificaat ‘Ambassadeur Join us’ uitreiken"
)
PLAN_APR_EINDBEOORDELING_TEXT = (
    "Een aantekening in het dossier of portfolio van de leerling, bijvoorbeeld met het "
    "certificaat ‘Ambassadeur Join us’."
)
