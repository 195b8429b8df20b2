"""Leads: leads, consents, audit log, staff, staff invites, come-back codes, anonymous counts.

Revision ID: 0003_leads
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_leads"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "leads",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("public_id", sa.String(12), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("pseudonym", sa.String(64), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("age_band", sa.String(8), nullable=True),
        sa.Column("route", sa.String(12), nullable=True),
        sa.Column("area_enc", sa.Text(), nullable=True),
        sa.Column("contact_enc", sa.Text(), nullable=True),
        sa.Column("chat_id_enc", sa.Text(), nullable=True),
        sa.Column("nickname_enc", sa.Text(), nullable=True),
        sa.Column("wishes_enc", sa.Text(), nullable=True),
        sa.Column("note_enc", sa.Text(), nullable=True),
        sa.Column("source", sa.String(64), nullable=True),
        sa.Column("consent_kind", sa.String(12), nullable=True),
        sa.Column("parent_code_hash", sa.String(64), nullable=True),
        sa.Column("parent_code_expires_at", TS, nullable=True),
        sa.Column("claimed_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("consented_at", TS, nullable=True),
        sa.Column("announced_at", TS, nullable=True),
        sa.Column("announce_count", sa.Integer(), nullable=False),
        sa.Column("claimed_at", TS, nullable=True),
        sa.Column("contacted_at", TS, nullable=True),
        sa.Column("signed_up_at", TS, nullable=True),
        sa.Column("closed_at", TS, nullable=True),
        sa.UniqueConstraint("public_id", name="uq_leads_public_id"),
        sa.UniqueConstraint("parent_code_hash", name="uq_leads_parent_code_hash"),
    )
    op.create_index("ix_leads_pseudonym", "leads", ["pseudonym"])
    op.create_index("ix_leads_status", "leads", ["status"])
    op.create_index("ix_leads_announced_at", "leads", ["announced_at"])
    op.create_index("ix_leads_closed_at", "leads", ["closed_at"])
    op.create_table(
        "lead_consents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "lead_id",
            sa.Integer(),
            sa.ForeignKey("leads.id", ondelete="SET NULL", name="fk_lead_consents_lead_id_leads"),
            nullable=True,
        ),
        sa.Column("purpose", sa.String(40), nullable=False),
        sa.Column("scope", sa.String(200), nullable=False),
        sa.Column("text_version", sa.String(20), nullable=False),
        sa.Column("given_by", sa.String(16), nullable=False),
        sa.Column("pseudonym", sa.String(64), nullable=True),
        sa.Column("contact_enc", sa.Text(), nullable=True),
        sa.Column("given_at", TS, nullable=False),
        sa.Column("withdrawn_at", TS, nullable=True),
    )
    op.create_index("ix_lead_consents_lead_id", "lead_consents", ["lead_id"])
    op.create_index("ix_lead_consents_pseudonym", "lead_consents", ["pseudonym"])
    op.create_table(
        "lead_audit",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "lead_id",
            sa.Integer(),
            sa.ForeignKey("leads.id", ondelete="SET NULL", name="fk_lead_audit_lead_id_leads"),
            nullable=True,
        ),
        sa.Column("actor_id", sa.BigInteger(), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("at", TS, nullable=False),
    )
    op.create_index("ix_lead_audit_lead_id", "lead_audit", ["lead_id"])
    op.create_table(
        "staff_members",
        sa.Column("telegram_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("added_by", sa.BigInteger(), nullable=True),
        sa.Column("added_at", TS, nullable=False),
    )
    op.create_table(
        "staff_invites",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("used_at", TS, nullable=True),
        sa.Column("used_by", sa.BigInteger(), nullable=True),
    )
    op.create_table(
        "comeback_codes",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("source", sa.String(64), nullable=True),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_comeback_codes_created_at", "comeback_codes", ["created_at"])
    op.create_table(
        "lead_counts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("source", sa.String(64), nullable=False),
        sa.Column("metric", sa.String(20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.UniqueConstraint("week_start", "source", "metric", name="uq_lead_counts_key"),
    )


def downgrade() -> None:
    for table in (
        "lead_counts",
        "comeback_codes",
        "staff_invites",
        "staff_members",
        "lead_audit",
        "lead_consents",
        "leads",
    ):
        op.drop_table(table)
