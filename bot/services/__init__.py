"""Services: the application logic that actions and the Telegram layer call."""
