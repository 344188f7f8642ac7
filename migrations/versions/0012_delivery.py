"""Delivery options per cooperative and the delivery fee as a line of the order.

Existing cooperatives offer pickup (at their address until a hub address is set); existing
orders are pickup orders with no fee, so their totals stay as they are.

Revision ID: 0012_delivery
Revises: 0011_finance
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_delivery"
down_revision = "0011_finance"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cooperatives") as batch:
        batch.add_column(
            sa.Column("offers_pickup", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch.add_column(sa.Column("hub_address", sa.Text(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column(
                "offers_own_delivery", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch.add_column(
            sa.Column("couriers", sa.String(length=80), nullable=False, server_default="")
        )
    op.create_table(
        "delivery_fee_rates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cooperative_id", sa.Integer(), nullable=False),
        sa.Column("province", sa.String(length=80), nullable=False),
        sa.Column("regency", sa.String(length=80), nullable=False),
        sa.Column("fee", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("fee >= 0", name=op.f("ck_delivery_fee_rates_fee_nonnegative")),
        sa.ForeignKeyConstraint(
            ["cooperative_id"],
            ["cooperatives.id"],
            name=op.f("fk_delivery_fee_rates_cooperative_id_cooperatives"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery_fee_rates")),
        sa.UniqueConstraint(
            "cooperative_id",
            "province",
            "regency",
            name=op.f("uq_delivery_fee_rates_cooperative_id_province_regency"),
        ),
    )
    with op.batch_alter_table("delivery_fee_rates") as batch:
        batch.create_index(
            batch.f("ix_delivery_fee_rates_cooperative_id"), ["cooperative_id"], unique=False
        )
    with op.batch_alter_table("orders") as batch:
        batch.add_column(
            sa.Column(
                "delivery_method", sa.String(length=20), nullable=False, server_default="pickup"
            )
        )
        batch.add_column(sa.Column("courier", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("delivery_fee", sa.BigInteger(), nullable=True))
        batch.add_column(
            sa.Column("delivery_fee_quoted_at", sa.DateTime(timezone=True), nullable=True)
        )
    op.execute("UPDATE orders SET delivery_fee = 0")


def downgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("delivery_fee_quoted_at")
        batch.drop_column("delivery_fee")
        batch.drop_column("courier")
        batch.drop_column("delivery_method")
    with op.batch_alter_table("delivery_fee_rates") as batch:
        batch.drop_index(batch.f("ix_delivery_fee_rates_cooperative_id"))
    op.drop_table("delivery_fee_rates")
    with op.batch_alter_table("cooperatives") as batch:
        batch.drop_column("couriers")
        batch.drop_column("offers_own_delivery")
        batch.drop_column("hub_address")
        batch.drop_column("offers_pickup")


