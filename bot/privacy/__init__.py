"""Keeping personal data out of Rasa and honouring people's rights: capture directives, encrypted drafts, see/erase (rights) and retention."""
