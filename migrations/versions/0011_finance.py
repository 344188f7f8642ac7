"""Money to members: a member price per product, the member ledger and payout batches.

Revision ID: 0011_finance
Revises: 0010_shipping
"""

import sqlalchemy as sa
from alembic import op


revision = "0011_finance"
down_revision = "0010_shipping"
branch_labels = None
depends_on = None


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("products") as batch:
        batch.add_column(sa.Column("member_price", sa.BigInteger(), nullable=True))
    op.create_table(
        "payout_batches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cooperative_id", sa.Integer(), sa.ForeignKey("cooperatives.id"), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True),
        *_timestamps(),
    )
    op.create_index(
        "ix_payout_batches_cooperative_id", "payout_batches", ["cooperative_id"], unique=False
    )
    op.create_table(
        "payout_lines",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("batch_id", sa.Integer(), sa.ForeignKey("payout_batches.id"), nullable=False),
        sa.Column("membership_id", sa.Integer(), sa.ForeignKey("memberships.id"), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("reference", sa.String(80), nullable=False, server_default=""),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paid_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        *_timestamps(),
        sa.UniqueConstraint("batch_id", "membership_id"),
        sa.CheckConstraint("amount > 0", name="amount_positive"),
    )
    op.create_index("ix_payout_lines_batch_id", "payout_lines", ["batch_id"], unique=False)
    op.create_index(
        "ix_payout_lines_membership_id", "payout_lines", ["membership_id"], unique=False
    )
    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cooperative_id", sa.Integer(), sa.ForeignKey("cooperatives.id"), nullable=False),
        sa.Column("membership_id", sa.Integer(), sa.ForeignKey("memberships.id"), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), sa.ForeignKey("assignments.id"), nullable=True),
        sa.Column("payout_line_id", sa.Integer(), sa.ForeignKey("payout_lines.id"), nullable=True),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("memo", sa.Text(), nullable=False, server_default=""),
        *_timestamps(),
        sa.UniqueConstraint("assignment_id"),
        sa.UniqueConstraint("payout_line_id"),
        sa.CheckConstraint(
            "(kind IN ('earning', 'shu') AND amount >= 0)"
            " OR (kind IN ('deduction', 'payout') AND amount < 0)",
            name="amount_sign",
        ),
    )
    op.create_index(
        "ix_ledger_entries_cooperative_id", "ledger_entries", ["cooperative_id"], unique=False
    )
    op.create_index(
        "ix_ledger_entries_membership_id", "ledger_entries", ["membership_id"], unique=False
    )


def downgrade() -> None:
    op.drop_table("ledger_entries")
    op.drop_table("payout_lines")
    op.drop_table("payout_batches")
    with op.batch_alter_table("products") as batch:
        batch.drop_column("member_price")
