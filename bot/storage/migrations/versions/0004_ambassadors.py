"""Ambassadors: teams, invites, ambassadors, consents, tasks and hours.

Revision ID: 0004_ambassadors
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_ambassadors"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "amb_teams",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("school", sa.String(120), nullable=False),
        sa.Column("school_key", sa.String(120), nullable=False),
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("coach_chat_enc", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("school_key", "school_year", name="uq_amb_teams_school"),
    )
    op.create_table(
        "amb_invites",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "team_id",
            sa.Integer(),
            sa.ForeignKey(
                "amb_teams.id", ondelete="CASCADE", name="fk_amb_invites_team_id_amb_teams"
            ),
            nullable=False,
        ),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("used_at", TS, nullable=True),
        sa.UniqueConstraint("token_hash", name="uq_amb_invites_token_hash"),
    )
    op.create_index("ix_amb_invites_team_id", "amb_invites", ["team_id"])
    op.create_table(
        "amb_ambassadors",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "team_id",
            sa.Integer(),
            sa.ForeignKey(
                "amb_teams.id", ondelete="CASCADE", name="fk_amb_ambassadors_team_id_amb_teams"
            ),
            nullable=False,
        ),
        sa.Column("user_key", sa.String(64), nullable=True),
        sa.Column("first_name_enc", sa.Text(), nullable=True),
        sa.Column("chat_id_enc", sa.Text(), nullable=True),
        sa.Column("age_band", sa.String(16), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("parent_code_hash", sa.String(64), nullable=True),
        sa.Column("parent_code_expires_at", TS, nullable=True),
        sa.Column("enrolled_at", TS, nullable=False),
        sa.Column("active_since", TS, nullable=True),
        sa.Column("blocked_at", TS, nullable=True),
        sa.Column("certificate_issued_at", TS, nullable=True),
        sa.UniqueConstraint("user_key", "team_id", name="uq_amb_ambassadors_user"),
        sa.UniqueConstraint("parent_code_hash", name="uq_amb_ambassadors_parent_code_hash"),
    )
    op.create_index("ix_amb_ambassadors_team_id", "amb_ambassadors", ["team_id"])
    op.create_index("ix_amb_ambassadors_user_key", "amb_ambassadors", ["user_key"])
    op.create_index("ix_amb_ambassadors_status", "amb_ambassadors", ["status"])
    op.create_table(
        "amb_consents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "ambassador_id",
            sa.Integer(),
            sa.ForeignKey(
                "amb_ambassadors.id",
                ondelete="CASCADE",
                name="fk_amb_consents_ambassador_id_amb_ambassadors",
            ),
            nullable=False,
        ),
        sa.Column("given_by", sa.String(16), nullable=False),
        sa.Column("scope", sa.String(80), nullable=False),
        sa.Column("text_version", sa.String(20), nullable=False),
        sa.Column("giver_key", sa.String(64), nullable=True),
        sa.Column("given_at", TS, nullable=False),
        sa.Column("withdrawn_at", TS, nullable=True),
    )
    op.create_index("ix_amb_consents_ambassador_id", "amb_consents", ["ambassador_id"])
    op.create_table(
        "amb_tasks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "team_id",
            sa.Integer(),
            sa.ForeignKey(
                "amb_teams.id", ondelete="CASCADE", name="fk_amb_tasks_team_id_amb_teams"
            ),
            nullable=False,
        ),
        sa.Column(
            "assignee_id",
            sa.Integer(),
            sa.ForeignKey(
                "amb_ambassadors.id",
                ondelete="SET NULL",
                name="fk_amb_tasks_assignee_id_amb_ambassadors",
            ),
            nullable=True,
        ),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("plan_key", sa.String(40), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column(
            "done_by_id",
            sa.Integer(),
            sa.ForeignKey(
                "amb_ambassadors.id",
                ondelete="SET NULL",
                name="fk_amb_tasks_done_by_id_amb_ambassadors",
            ),
            nullable=True,
        ),
        sa.Column("done_at", TS, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_index("ix_amb_tasks_team_id", "amb_tasks", ["team_id"])
    op.create_index("ix_amb_tasks_assignee_id", "amb_tasks", ["assignee_id"])
    op.create_index("ix_amb_tasks_due_date", "amb_tasks", ["due_date"])
    op.create_index("ix_amb_tasks_status", "amb_tasks", ["status"])
    op.create_table(
        "amb_hours",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "ambassador_id",
            sa.Integer(),
            sa.ForeignKey(
                "amb_ambassadors.id",
                ondelete="CASCADE",
                name="fk_amb_hours_ambassador_id_amb_ambassadors",
            ),
            nullable=False,
        ),
        sa.Column(
            "task_id",
            sa.Integer(),
            sa.ForeignKey(
                "amb_tasks.id", ondelete="SET NULL", name="fk_amb_hours_task_id_amb_tasks"
            ),
            nullable=True,
        ),
        sa.Column("activity", sa.String(200), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("logged_at", TS, nullable=False),
        sa.Column("decided_at", TS, nullable=True),
    )
    op.create_index("ix_amb_hours_ambassador_id", "amb_hours", ["ambassador_id"])
    op.create_index("ix_amb_hours_status", "amb_hours", ["status"])


def downgrade() -> None:
    for table in (
        "amb_hours",
        "amb_tasks",
        "amb_consents",
        "amb_ambassadors",
        "amb_invites",
        "amb_teams",
    ):
        op.drop_table(table)
