"""Insights: anonymous weekly counts of unanswered questions per topic guess.

Revision ID: 0002_insights
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_insights"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unanswered_counts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("intent_guess", sa.String(80), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.UniqueConstraint("week_start", "kind", "intent_guess", name="uq_unanswered_week"),
    )
    op.create_index("ix_unanswered_counts_week_start", "unanswered_counts", ["week_start"])


def downgrade() -> None:
    op.drop_index("ix_unanswered_counts_week_start", table_name="unanswered_counts")
    op.drop_table("unanswered_counts")
