"""Telegram handlers of the ambassador programme (students, parents and coaches)."""
