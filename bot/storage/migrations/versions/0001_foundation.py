"""Foundation: long button payloads.

Revision ID: 0001_foundation
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "button_payloads",
        sa.Column("token", sa.String(32), primary_key=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_button_payloads_created_at", "button_payloads", ["created_at"])


def downgrade() -> None:
    op.drop_table("button_payloads")
