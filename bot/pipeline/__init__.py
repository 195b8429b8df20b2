"""The message pipeline shared by every front end: conversation (safety net -> Rasa -> replies), the Rasa client and its conversation store, personal-answer capture, replies, the outbox."""
