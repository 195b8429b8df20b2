"""Privacy: form drafts kept out of Rasa, ids of our messages that showed personal details.

Revision ID: 0006_privacy
Revises: 0003_leads
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_privacy"
down_revision = "0003_leads"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("pseudonym", sa.String(64), primary_key=True),
        sa.Column("fields_enc", sa.Text(), nullable=True),
        sa.Column("pending_field", sa.String(40), nullable=True),
        sa.Column("pending_meta", sa.String(40), nullable=True),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
    )
    op.create_index("ix_drafts_expires_at", "drafts", ["expires_at"])
    op.create_table(
        "personal_messages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pseudonym", sa.String(64), nullable=False),
        sa.Column("chat_id_enc", sa.Text(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("sent_at", TS, nullable=False),
    )
    op.create_index("ix_personal_messages_pseudonym", "personal_messages", ["pseudonym"])
    op.create_index("ix_personal_messages_sent_at", "personal_messages", ["sent_at"])


def downgrade() -> None:
    op.drop_table("personal_messages")
    op.drop_table("drafts")
