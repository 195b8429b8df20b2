"""The Join us staff: who is staff (members, invites), crisis alerts to staff, anonymous figures and insights, campaigns, and their Telegram handlers."""
