"""Offtake contracts: contracts, their versions of terms, and scheduled call-offs.

Revision ID: 0018_contracts
Revises: 0017_rfq
"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "0018_contracts"
down_revision = "0017_rfq"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "offtake_contracts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cooperative_id", sa.Integer(), nullable=False),
        sa.Column("offtaker_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["cooperative_id"],
            ["cooperatives.id"],
            name=op.f("fk_offtake_contracts_cooperative_id_cooperatives"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_offtake_contracts_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["offtaker_id"], ["users.id"], name=op.f("fk_offtake_contracts_offtaker_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_offtake_contracts_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offtake_contracts")),
    )
    with op.batch_alter_table("offtake_contracts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_offtake_contracts_cooperative_id"), ["cooperative_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_offtake_contracts_offtaker_id"), ["offtaker_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_offtake_contracts_product_id"), ["product_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_offtake_contracts_status"), ["status"], unique=False)

    op.create_table(
        "offtake_call_offs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("shortfall", sa.Integer(), server_default="0", nullable=False),
        sa.Column("problem", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_offtake_call_offs_quantity_positive")),
        sa.CheckConstraint(
            "shortfall >= 0", name=op.f("ck_offtake_call_offs_shortfall_nonnegative")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["offtake_contracts.id"],
            name=op.f("fk_offtake_call_offs_contract_id_offtake_contracts"),
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_offtake_call_offs_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offtake_call_offs")),
        sa.UniqueConstraint(
            "contract_id", "due_date", name=op.f("uq_offtake_call_offs_contract_id_due_date")
        ),
        sa.UniqueConstraint("order_id", name=op.f("uq_offtake_call_offs_order_id")),
    )
    with op.batch_alter_table("offtake_call_offs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_offtake_call_offs_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_offtake_call_offs_due_date"), ["due_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_offtake_call_offs_status"), ["status"], unique=False)

    op.create_table(
        "offtake_contract_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("grade", sa.String(length=80), server_default="", nullable=False),
        sa.Column("unit_price", sa.BigInteger(), nullable=False),
        sa.Column("total_volume", sa.Integer(), nullable=False),
        sa.Column("call_off_quantity", sa.Integer(), nullable=False),
        sa.Column("frequency", sa.String(length=10), nullable=False),
        sa.Column("dates", sa.Text(), server_default="", nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("tolerance_pct", sa.Integer(), nullable=False),
        sa.Column("cutoff_days", sa.Integer(), nullable=False),
        sa.Column("allow_skip", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("below_grade", sa.String(length=10), nullable=False),
        sa.Column("below_grade_price", sa.BigInteger(), nullable=True),
        sa.Column("terms_days", sa.Integer(), nullable=False),
        sa.Column("recipient_name", sa.String(length=120), nullable=False),
        sa.Column("recipient_phone", sa.String(length=20), nullable=False),
        sa.Column("province", sa.String(length=80), nullable=False),
        sa.Column("regency", sa.String(length=80), nullable=False),
        sa.Column("district", sa.String(length=80), nullable=False),
        sa.Column("village", sa.String(length=80), nullable=False),
        sa.Column("delivery_address", sa.Text(), nullable=False),
        sa.Column("postal_code", sa.String(length=5), nullable=False),
        sa.Column("message", sa.Text(), server_default="", nullable=False),
        sa.Column("proposed_by_id", sa.Integer(), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "call_off_quantity > 0",
            name=op.f("ck_offtake_contract_versions_call_off_quantity_positive"),
        ),
        sa.CheckConstraint(
            "end_date >= start_date", name=op.f("ck_offtake_contract_versions_dates_in_order")
        ),
        sa.CheckConstraint(
            "tolerance_pct BETWEEN 0 AND 100",
            name=op.f("ck_offtake_contract_versions_tolerance_range"),
        ),
        sa.CheckConstraint(
            "total_volume > 0", name=op.f("ck_offtake_contract_versions_total_volume_positive")
        ),
        sa.CheckConstraint(
            "unit_price > 0", name=op.f("ck_offtake_contract_versions_unit_price_positive")
        ),
        sa.ForeignKeyConstraint(
            ["answered_by_id"],
            ["users.id"],
            name=op.f("fk_offtake_contract_versions_answered_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["offtake_contracts.id"],
            name=op.f("fk_offtake_contract_versions_contract_id_offtake_contracts"),
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by_id"],
            ["users.id"],
            name=op.f("fk_offtake_contract_versions_proposed_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offtake_contract_versions")),
        sa.UniqueConstraint(
            "contract_id", "number", name=op.f("uq_offtake_contract_versions_contract_id_number")
        ),
    )
    with op.batch_alter_table("offtake_contract_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_offtake_contract_versions_contract_id"), ["contract_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("offtake_contract_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offtake_contract_versions_contract_id"))

    op.drop_table("offtake_contract_versions")
    with op.batch_alter_table("offtake_call_offs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offtake_call_offs_status"))
        batch_op.drop_index(batch_op.f("ix_offtake_call_offs_due_date"))
        batch_op.drop_index(batch_op.f("ix_offtake_call_offs_contract_id"))

    op.drop_table("offtake_call_offs")
    with op.batch_alter_table("offtake_contracts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offtake_contracts_status"))
        batch_op.drop_index(batch_op.f("ix_offtake_contracts_product_id"))
        batch_op.drop_index(batch_op.f("ix_offtake_contracts_offtaker_id"))
        batch_op.drop_index(batch_op.f("ix_offtake_contracts_cooperative_id"))

    op.drop_table("offtake_contracts")
