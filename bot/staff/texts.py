"""Texts for the Join us staff: invites, /staf, /cijfers, crisis alerts, campaigns, the console link.

How to edit (keep every {placeholder} and the HTML tags): docs/texts.md.
"""

# --- bot/staff/telegram.py
STAFF_HELP = (
    "<b>Aanmeldingen</b>\n"
    "/leads — open aanmeldingen en die van jou\n"
    "/lead &lt;id&gt; — alle gegevens (als jij hem hebt opgepakt)\n"
    "/notitie &lt;id&gt; &lt;tekst&gt; — korte notitie\n"
    "/bericht &lt;id&gt; &lt;tekst&gt; — bericht via de chatbot (als de jongere dat koos)\n"
    "Status zet je met de knoppen onder de kaart of onder de gegevens.\n"
    "/cijfers — anonieme aantallen: vragen zonder antwoord, aanmeldingen per bron\n"
    "/console — inloglink voor de console (alles op één plek)"
)
ADMIN_HELP = (
    "<b>Beheer</b>\n/staf uitnodigen [coach] — eenmalige uitnodigingslink (als coach: alleen ambassadeurs)\n"
    "/staf lijst — wie is medewerker\n/staf verwijder &lt;telegram-id&gt;"
)
USE_THE_CONSOLE = "Alles doe je in de console: stuur /console voor een inloglink."
MEMBER_UNKNOWN = "Die medewerker ken ik niet."
NO_MEMBERS = "(nog niemand)"

# --- bot/staff/campaigns.py
CAMPAIGN_NAME_ERROR = "Geef de campagne een naam (minstens 2 tekens)."
CAMPAIGN_KIND_ERROR = "Kies een soort campagne."
CAMPAIGN_CODE_ERROR = "De code mag alleen letters, cijfers, - en _ bevatten (hoogstens 60 tekens)."
CAMPAIGN_CODE_RESERVED = "Deze code is al in gebruik door de assistent; kies een andere."
CAMPAIGN_CODE_TAKEN = "Deze code bestaat al; kies een andere."
CAMPAIGN_UNKNOWN = "Deze campagne bestaat niet."

# --- bot/staff/crisis_alerts.py

# --- bot/staff/members.py
ADMINS_ONLY = "Dit is alleen voor beheerders van Join us."
STAFF_ONLY = "Dit is alleen voor medewerkers van Join us."
INVITE_INVALID = "Deze uitnodiging is ongeldig, al gebruikt of verlopen."

# --- bot/staff/reports.py
KIND_NL = {"fallback": "niet begrepen", "out_of_scope": "buiten onderwerp"}

# --- bot/telegram/console.py
NOT_MEMBER = "De console is alleen voor medewerkers en coaches van Join us."

# --- crisis alerts to the staff group (bot/staff/crisis_alerts.py): time and signal only.
# The signals, by crisis category (bot/safety/model.py).
CATEGORY_NL = {
    "suicide": "gedachten aan zelfdoding",
    "self_harm": "zelfbeschadiging",
    "abuse": "misbruik",
    "domestic_violence": "geweld thuis",
    "acute_danger": "acuut gevaar",
}
CATEGORY_UNKNOWN = "onbekend"
CRISIS_ALERT = (
    "⚠️ Om {time} kreeg een jongere het crisisantwoord met de hulplijnen "
    "(signaal: {signal}). Wie het was en wat er stond, bewaar ik "
    "niet. Vraagt de jongere om iemand van Join us, dan zie je dat als gewone vraag of "
    "aanmelding."
)
CRISIS_REPEAT_EVERYONE = (
    "⚠️ Sinds {since} kregen nog {count} andere jongeren het crisisantwoord "
    "(signaal: {signal}). Bij veel meldingen tegelijk stuur ik één "
    "samenvatting per half uur, zodat deze groep overzichtelijk blijft. Wie het waren, "
    "bewaar ik niet."
)
CRISIS_REPEAT_SAME_PERSON = (
    "⚠️ Dezelfde jongere kreeg sinds {since} nog {count} keer het crisisantwoord "
    "(signaal: {signal}). Ik stuur per jongere één melding per half uur, "
    "zodat deze groep overzichtelijk blijft. Wie het was, bewaar ik niet."
)

# --- /staf and the invite link (bot/staff/telegram.py); (HTML): values are escaped by the code
ROLE_COACH = "coach van de ambassadeurs"
ROLE_STAFF = "medewerker"
WELCOME_TO_THE_TEAM = "Welkom bij het team! Je bent nu {role}."
ALREADY_ON_THE_TEAM = "Je was al {role}."
INVITE_LINK = (
    "Eenmalige uitnodiging, {hours} uur geldig:\n"
    "{link}\n\nStuur deze link alleen naar de nieuwe medewerker."
)
MEMBER_LINE = "{id} — {name}"
MEMBERS = "Medewerkers:\n{members}\n\nBeheerders: {admins}"
MEMBER_REMOVED = "Verwijderd."

# --- /cijfers (bot/staff/reports.py); (HTML)
FIGURES_HEADER = "<b>Cijfers van de laatste {weeks} weken</b> (alleen aantallen)"
FIGURES_UNANSWERED = "<b>Vragen zonder antwoord</b>"
FIGURES_UNANSWERED_LINE = "{total}× {kind} — gok: {guess}"
FIGURES_NONE = "geen"
FIGURES_LEADS = "<b>Aanmeldingen per bron</b> (interesse → toestemming → contact → aangemeld)"
FIGURES_SOURCE_LINE = "{source}: {numbers}"
FIGURES_DIRECT = "direct"

# --- /console (bot/telegram/console.py); (HTML)
CONSOLE_LINK = (
    "Je inloglink voor de console (één keer te gebruiken, {minutes} minuten "
    "geldig):\n{link}\n\nOpen hem in je browser. Deel hem met niemand."
)

# --- shared by the staff's lead and school handlers (bot/leads/, bot/school/)
UNKNOWN_STEP = "Onbekende actie."
OLD_STAFF_BUTTON = "Deze knop werkt niet (meer)."
A_STAFF_MEMBER = "een medewerker"
