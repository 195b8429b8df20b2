"""Security hardening: wrong codes counted in the database; long link tokens beside typed codes.

Revision ID: 0007_security
Revises: 0001_foundation
Depends on: 0003_leads, 0005_referrals (new columns on their tables)
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_security"
down_revision = "0001_foundation"
branch_labels = None
depends_on = ("0003_leads", "0005_referrals")

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "code_attempts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("who", sa.String(32), nullable=False),
        sa.Column("at", TS, nullable=False),
    )
    op.create_index("ix_code_attempts_who", "code_attempts", ["who"])
    op.create_index("ix_code_attempts_at", "code_attempts", ["at"])
    with op.batch_alter_table("leads") as batch:
        batch.add_column(sa.Column("parent_link_hash", sa.String(64), nullable=True))
        batch.create_unique_constraint("uq_leads_parent_link_hash", ["parent_link_hash"])
    with op.batch_alter_table("school_requests") as batch:
        batch.add_column(sa.Column("link_hash", sa.String(64), nullable=True))
        batch.create_unique_constraint("uq_school_requests_link_hash", ["link_hash"])


def downgrade() -> None:
    with op.batch_alter_table("school_requests") as batch:
        batch.drop_constraint("uq_school_requests_link_hash", type_="unique")
        batch.drop_column("link_hash")
    with op.batch_alter_table("leads") as batch:
        batch.drop_constraint("uq_leads_parent_link_hash", type_="unique")
        batch.drop_column("parent_link_hash")
    op.drop_index("ix_code_attempts_at", "code_attempts")
    op.drop_index("ix_code_attempts_who", "code_attempts")
    op.drop_table("code_attempts")
