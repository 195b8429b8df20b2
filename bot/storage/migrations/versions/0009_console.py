"""Staff console: login links, sessions, facts with history, campaigns; staff roles (coach).

Revision ID: 0009_console
Revises: 0005_referrals (school requests get handed back on removal)
Depends on: 0003_leads (staff_members, staff_invites get a role), 0004_ambassadors
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_console"
down_revision = "0005_referrals"
branch_labels = None
depends_on = ("0003_leads", "0004_ambassadors")

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "console_login_links",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("used_at", TS, nullable=True),
    )
    op.create_index("ix_console_login_links_expires_at", "console_login_links", ["expires_at"])
    op.create_table(
        "console_sessions",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("via", sa.String(12), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
    )
    op.create_index("ix_console_sessions_telegram_id", "console_sessions", ["telegram_id"])
    op.create_index("ix_console_sessions_expires_at", "console_sessions", ["expires_at"])
    op.create_table(
        "fact_values",
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "fact_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=False),
        sa.Column("new_value", sa.Text(), nullable=False),
        sa.Column("changed_by", sa.BigInteger(), nullable=False),
        sa.Column("changed_by_name", sa.String(64), nullable=False),
        sa.Column("changed_at", TS, nullable=False),
    )
    op.create_index("ix_fact_changes_key", "fact_changes", ["key"])
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("code", name="uq_campaigns_code"),
    )
    # Staff roles: "staff" (leads, schools, ambassadors) or "coach" (ambassadors only).
    with op.batch_alter_table("staff_members") as batch:
        batch.add_column(sa.Column("role", sa.String(12), nullable=False, server_default="staff"))
    with op.batch_alter_table("staff_invites") as batch:
        batch.add_column(sa.Column("role", sa.String(12), nullable=False, server_default="staff"))
    # Console lists and counts (see bot/tools/console_bench.py for the figures).
    op.create_index("ix_leads_claimed_by", "leads", ["claimed_by"])
    op.create_index("ix_lead_counts_source", "lead_counts", ["source"])
    op.create_index("ix_lead_counts_week_start", "lead_counts", ["week_start"])
    op.create_index("ix_amb_hours_status_ambassador", "amb_hours", ["ambassador_id", "status"])
    op.create_index("ix_outbox_status_kind", "outbox", ["status", "kind"])


def downgrade() -> None:
    op.drop_index("ix_outbox_status_kind", "outbox")
    op.drop_index("ix_amb_hours_status_ambassador", "amb_hours")
    op.drop_index("ix_lead_counts_week_start", "lead_counts")
    op.drop_index("ix_lead_counts_source", "lead_counts")
    op.drop_index("ix_leads_claimed_by", "leads")
    with op.batch_alter_table("staff_invites") as batch:
        batch.drop_column("role")
    with op.batch_alter_table("staff_members") as batch:
        batch.drop_column("role")
    op.drop_table("campaigns")
    op.drop_table("fact_changes")
    op.drop_table("fact_values")
    op.drop_table("console_sessions")
    op.drop_table("console_login_links")
