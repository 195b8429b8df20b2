"""Texts of the processes: alerts to administrators (in Telegram) from the supervisor and the bot.

How to edit (keep every {placeholder} and the HTML tags): docs/texts.md.
"""

# --- the supervisor (bot/ops/supervisor.py): in the terminal and, when a child keeps dying, to admins
CHILD_GIVE_UP = (
    "{name} is {deaths} keer gestopt binnen {minutes} minuten "
    "(laatste exitcode {code}); ik geef het op en stop alles. Zie {log}."
)
CHILD_KEEPS_DYING = (
    "⚠️ {name} is {deaths} keer gestopt binnen {minutes} "
    "minuten (laatste exitcode {code}). Ik start het steeds opnieuw; na {max} keer geef ik het op."
)
CHILD_READY = "  ✓ {name} is klaar"
CHILD_HANGS = "{name} antwoordt al {seconds} s niet; ik stop het."
STARTING = "De Join us-assistent start op (Rasa laadt het model, dat duurt even)…"

# --- bot/ops/admin_alerts.py
DB_DOWN = (
    "⚠️ De database van de Join us-assistent is niet bereikbaar (sinds {since}, fout: {error}). "
    "Jongeren krijgen nog wel antwoord en het crisisantwoord werkt, maar aanmeldingen, "
    "herinneringen en berichten aan het team wachten. Kijk of PostgreSQL draait en of de schijf "
    "vol is. Ik meld het opnieuw als het zo blijft."
)
DB_BACK = "✅ De database is weer bereikbaar. Wachtende berichten gaan nu de deur uit."

# --- bot/ops/terminal.py
TERMINAL_INTRO = """
────────────────────────────────────────────────────────────
 Join us-assistent — lokale chat in de terminal
 Typ een bericht en druk op Enter. Knoppen verschijnen als
 genummerde keuzes: typ het nummer. Stoppen: /exit of Ctrl-D.
────────────────────────────────────────────────────────────
Tip (English): to connect a real Telegram bot, create one with @BotFather,
then run `TELEGRAM_BOT_TOKEN=<token> make run`. Set TELEGRAM_BASE_URL to use a
self-hosted Bot API server. Logs of Rasa and the action server: {logs}
"""
TERMINAL_PROMPT = "jij › "

# --- bot/telegram/delivery.py
OUTBOX_UNREADABLE = (
    "⚠️ Een bericht in de outbox kon niet worden gelezen (is ENCRYPTION_KEY veranderd?). "
    "Ik heb het overgeslagen; de andere berichten gaan gewoon door."
)
OUTBOX_FAILED = (
    "⚠️ Een bericht van de assistent kon niet worden afgeleverd (soort: {kind}; fout: {error}). "
    "Het staat als 'failed' in de outbox; zie de log van de bot."
)
OUTBOX_GROUP_FORBIDDEN = (
    "⚠️ De bot kan niet meer posten in een groep (chat {chat}): verwijderd of zonder rechten. "
    "De berichten wachten in de outbox en gaan alsnog weg zodra de bot weer in de groep zit."
)
OUTBOX_GROUP_MIGRATED = (
    "ℹ️ De staff-groep is een supergroep geworden: nieuw id {new} (was {old}). Ik stuur "
    "voortaan daarheen. Zet STAFF_CHAT_ID={new} bij de volgende herstart."
)

# --- bot/core/code_guard.py
CODE_GUESSING_ALERT = (
    "⚠️ Beveiliging: in het afgelopen uur zijn {count} verkeerde codes (ouder/verwijzing) "
    "geprobeerd. Invoeren van codes is tijdelijk voor iedereen geblokkeerd. Mogelijk probeert "
    "iemand codes te raden; er zijn geen gegevens vrijgegeven."
)
