"""What the Telegram front end says itself: the descriptions in the command menus ("/").

One menu per audience (bot/telegram/menus.py decides who sees which). How to edit: docs/texts.md;
the command names (left) are code, the descriptions (right) are free to change.
"""

YOUNG_PEOPLE_MENU = {
    "start": "Begin het gesprek",
    "help": "Wat kan ik voor je doen?",
    "privacy": "Wat bewaar ik en hoe lang?",
    "mijngegevens": "Wat weet je over mij?",
    "stop": "Aanmelding intrekken",
    "vergeet": "Wis alles over mij",
}
CONSOLE_MENU = {
    "console": "Inloglink voor de console",
}
AMBASSADOR_PROGRAMME_MENU = {
    "ambteams": "Ambassadeurs: teams per school en uren",
    "ambtaken": "Open taken van een team: /ambtaken <team>",
    "ambtaak": "Taak toevoegen: /ambtaak <team> <team|ambassadeur> <datum> <titel>",
    "ambdatum": "Andere datum: /ambdatum <taak> <datum>",
    "ambtitel": "Andere titel: /ambtitel <taak> <titel>",
    "ambnaar": "Andere uitvoerder: /ambnaar <taak> <team|ambassadeur>",
    "ambschrap": "Taak schrappen: /ambschrap <taak>",
    "amburen": "Uren die op bevestiging wachten",
    "ambcertificaat": "Certificaat bij 30 uur: /ambcertificaat <ambassadeur>",
    "ambweek": "Weekoverzicht van een team: /ambweek <team>",
    "ambnodig": "Uitnodigingslink: /ambnodig <school> [jaar]",
    "ambjaarplan": "Het jaarplan met data: /ambjaarplan [jaar]",
    "ambhulp": "Alle ambassadeurscommando's",
}
LEADS_AND_SCHOOLS_MENU = {
    "leads": "Open aanmeldingen en die van jou",
    "lead": "Eén aanmelding met gegevens: /lead <id>",
    "notitie": "Notitie bij een aanmelding: /notitie <id> <tekst>",
    "bericht": "Bericht aan de jongere: /bericht <id> <tekst>",
    "verzoeken": "Open verzoeken van scholen",
    "verzoek": "Antwoord aan een school: /verzoek <id> <tekst>",
    "cijfers": "Anonieme cijfers per week",
}
ADMINISTRATION_MENU = {
    "staf": "Beheer: /staf uitnodigen [coach], /staf lijst, /staf verwijder <id>",
}
