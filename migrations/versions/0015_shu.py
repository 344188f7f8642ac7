"""Members' savings (simpanan), savings settings, SHU policies and the yearly SHU distribution.

Revision ID: 0015_shu
Revises: 0014_reports
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_shu"
down_revision = "0014_reports"
branch_labels = None
depends_on = None


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def _fk(column: str, target: str, nullable: bool = False) -> sa.Column:
    return sa.Column(column, sa.Integer(), sa.ForeignKey(target), nullable=nullable)


def _index(table: str, column: str) -> None:
    op.create_index(f"ix_{table}_{column}", table, [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "savings_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("cooperative_id", "cooperatives.id"),
        _fk("membership_id", "memberships.id"),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("booked_on", sa.Date(), nullable=False),
        _fk("created_by_id", "users.id", nullable=True),
        sa.Column("memo", sa.Text(), nullable=False, server_default=""),
        *_timestamps(),
        sa.CheckConstraint("amount <> 0", name="amount_nonzero"),
    )
    for column in ("cooperative_id", "membership_id", "booked_on"):
        _index("savings_entries", column)
    op.create_table(
        "savings_settings",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("cooperative_id", "cooperatives.id"),
        sa.Column("pokok_amount", sa.BigInteger(), nullable=False),
        sa.Column("wajib_amount", sa.BigInteger(), nullable=False),
        sa.Column("wajib_period_months", sa.Integer(), nullable=False),
        sa.Column("wajib_since", sa.Date(), nullable=False),
        *_timestamps(),
        sa.UniqueConstraint("cooperative_id"),
        sa.CheckConstraint(
            "pokok_amount >= 0 AND wajib_amount >= 0", name="amounts_nonnegative"
        ),
        sa.CheckConstraint("wajib_period_months IN (1, 3, 6, 12)", name="period_known"),
    )
    op.create_table(
        "shu_policies",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("cooperative_id", "cooperatives.id"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("funds", sa.JSON(), nullable=False),
        sa.Column("sukarela_counts", sa.Boolean(), nullable=False),
        _fk("created_by_id", "users.id", nullable=True),
        *_timestamps(),
        sa.UniqueConstraint("cooperative_id", "year", "version"),
    )
    _index("shu_policies", "cooperative_id")
    op.create_table(
        "shu_years",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("cooperative_id", "cooperatives.id"),
        sa.Column("year", sa.Integer(), nullable=False),
        _fk("policy_id", "shu_policies.id"),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("expenses", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        _fk("approved_by_id", "users.id", nullable=True),
        *_timestamps(),
        sa.UniqueConstraint("cooperative_id", "year"),
        sa.CheckConstraint("amount >= 0 AND expenses >= 0", name="amounts_nonnegative"),
    )
    _index("shu_years", "cooperative_id")
    op.create_table(
        "shu_fund_shares",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("shu_year_id", "shu_years.id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("basis_points", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.UniqueConstraint("shu_year_id", "key"),
    )
    _index("shu_fund_shares", "shu_year_id")
    op.create_table(
        "shu_member_shares",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("shu_year_id", "shu_years.id"),
        _fk("membership_id", "memberships.id"),
        sa.Column("transactions", sa.BigInteger(), nullable=False),
        sa.Column("savings", sa.BigInteger(), nullable=False),
        sa.Column("jua", sa.BigInteger(), nullable=False),
        sa.Column("jma", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        _fk("ledger_entry_id", "ledger_entries.id", nullable=True),
        sa.UniqueConstraint("shu_year_id", "membership_id"),
    )
    _index("shu_member_shares", "shu_year_id")
    _index("shu_member_shares", "membership_id")


def downgrade() -> None:
    for table in (
        "shu_member_shares",
        "shu_fund_shares",
        "shu_years",
        "shu_policies",
        "savings_settings",
        "savings_entries",
    ):
        op.drop_table(table)
