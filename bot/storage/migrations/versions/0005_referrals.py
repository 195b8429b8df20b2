"""School requests (referrals, presentations, materials) and consented referral links.

Revision ID: 0005_referrals
Revises: 0001_foundation
Depends on: 0003_leads (a referral link points at a lead)
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_referrals"
down_revision = "0001_foundation"
branch_labels = None
depends_on = "0003_leads"

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "school_requests",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("public_id", sa.String(12), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("pseudonym", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("staff_role", sa.String(20), nullable=True),
        sa.Column("age_band", sa.String(8), nullable=True),
        sa.Column("parents_informed", sa.String(12), nullable=True),
        sa.Column("school_enc", sa.Text(), nullable=True),
        sa.Column("contact_enc", sa.Text(), nullable=True),
        sa.Column("chat_id_enc", sa.Text(), nullable=True),
        sa.Column("details_enc", sa.Text(), nullable=True),
        sa.Column("answer_enc", sa.Text(), nullable=True),
        sa.Column("code_hash", sa.String(64), nullable=True),
        sa.Column("claimed_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("claimed_at", TS, nullable=True),
        sa.Column("closed_at", TS, nullable=True),
        sa.UniqueConstraint("public_id", name="uq_school_requests_public_id"),
        sa.UniqueConstraint("code_hash", name="uq_school_requests_code_hash"),
    )
    op.create_index("ix_school_requests_pseudonym", "school_requests", ["pseudonym"])
    op.create_index("ix_school_requests_status", "school_requests", ["status"])
    op.create_index("ix_school_requests_closed_at", "school_requests", ["closed_at"])
    op.create_table(
        "school_referral_links",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "request_id",
            sa.Integer(),
            sa.ForeignKey(
                "school_requests.id",
                ondelete="CASCADE",
                name="fk_school_referral_links_request_id_school_requests",
            ),
            nullable=False,
        ),
        sa.Column(
            "lead_id",
            sa.Integer(),
            sa.ForeignKey(
                "leads.id", ondelete="CASCADE", name="fk_school_referral_links_lead_id_leads"
            ),
            nullable=False,
        ),
        sa.Column("needs_parent", sa.Boolean(), nullable=False),
        sa.Column("student_ok_at", TS, nullable=False),
        sa.Column("parent_ok_at", TS, nullable=True),
        sa.Column("signed_up_told_at", TS, nullable=True),
        sa.Column("updates_sent", sa.Integer(), nullable=False),
        sa.UniqueConstraint("lead_id", name="uq_school_referral_links_lead_id"),
    )
    op.create_index("ix_school_referral_links_request_id", "school_referral_links", ["request_id"])


def downgrade() -> None:
    op.drop_table("school_referral_links")
    op.drop_table("school_requests")
