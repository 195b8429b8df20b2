"""Our database: SQLAlchemy 2 models, sessions and Alembic migrations (applied on start)."""
