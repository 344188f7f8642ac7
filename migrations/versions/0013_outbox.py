"""The outbox: messages (email) written in a service's transaction, sent by the job queue.

Revision ID: 0013_outbox
Revises: 0012_delivery
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_outbox"
down_revision = "0012_delivery"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_messages")),
    )
    op.create_index(op.f("ix_outbox_messages_sent_at"), "outbox_messages", ["sent_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_outbox_messages_sent_at"), table_name="outbox_messages")
    op.drop_table("outbox_messages")
