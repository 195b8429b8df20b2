"""School requests (referral, presentation, materials) from school mentors and care staff: the service, cards, directives and the staff's Telegram handlers."""
