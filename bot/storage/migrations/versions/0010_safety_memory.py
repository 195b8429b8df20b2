"""The safety net's memory per person (a digest of the pseudonym) (distress, the direct question, the last message).

Revision ID: 0010_safety_memory
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_safety_memory"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "safety_memory",
        sa.Column("who", sa.String(32), primary_key=True),
        sa.Column("distress_at", sa.Float(), nullable=True),
        sa.Column("asked_at", sa.Float(), nullable=True),
        sa.Column("talked_at", sa.Float(), nullable=True),
        sa.Column("last_at", sa.Float(), nullable=False),
    )
    op.create_index("ix_safety_memory_last_at", "safety_memory", ["last_at"])


def downgrade() -> None:
    op.drop_table("safety_memory")
