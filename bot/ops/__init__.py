"""Running the processes: supervisor, the bot process's runtime, health and metrics, admin alerts, the action server entry point, the terminal chat."""
