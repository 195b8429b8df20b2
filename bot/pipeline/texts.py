"""Texts of the chat itself: what every front end says when something is off (errors, old buttons).

Edit the words freely (Dutch: "je" for young people, "u" for parents and professionals, short
and professional for staff). Keep every {placeholder}: the code fills it in. Texts marked (HTML)
are sent as Telegram HTML: keep their tags. What Rasa itself says is in domain/*.yml.
Convention: /work/notes/texts-convention.md; tests/unit/test_texts.py checks for doubles.
"""
