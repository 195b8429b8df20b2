"""Warm leads: the interest form's checks, consent, the lead service, statuses, cards, directives and the staff's Telegram handlers for leads."""
