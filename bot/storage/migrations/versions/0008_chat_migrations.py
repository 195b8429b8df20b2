"""Chat migrations: a staff group upgraded to a supergroup is followed to its new id.

Revision ID: 0008_chat_migrations
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_chat_migrations"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chat_migrations",
        sa.Column("old_chat_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("new_chat_id", sa.BigInteger(), nullable=False),
        sa.Column("migrated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("chat_migrations")
