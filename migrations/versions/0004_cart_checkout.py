"""Cart and checkout.

Cart items, structured delivery address, VAT, PO number, unpaid-order expiry, cancellation
reason; one checkout (idempotency key) makes one order per cooperative.

Revision ID: 0004_checkout
Revises: 0003_payments
Create Date: 2026-11-23 01:13:51.831797

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0004_checkout"
down_revision = "0003_payments"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "cart_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_cart_items_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["buyer_id"], ["users.id"], name=op.f("fk_cart_items_buyer_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_cart_items_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cart_items")),
        sa.UniqueConstraint(
            "buyer_id", "product_id", name=op.f("uq_cart_items_buyer_id_product_id")
        ),
    )
    with op.batch_alter_table("cart_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cart_items_buyer_id"), ["buyer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cart_items_product_id"), ["product_id"], unique=False)

    with op.batch_alter_table("cooperatives", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_pkp", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("unpaid_expiry_hours", sa.Integer(), server_default="72", nullable=False)
        )

    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("tax_base", sa.BigInteger(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("vat_rate_bp", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("vat", sa.BigInteger(), server_default="0", nullable=False))
        batch_op.add_column(
            sa.Column("province", sa.String(length=80), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("regency", sa.String(length=80), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("district", sa.String(length=80), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("village", sa.String(length=80), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("po_number", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("cancellation_reason", sa.Text(), nullable=True))
        batch_op.drop_constraint(batch_op.f("uq_orders_buyer_id_idempotency_key"), type_="unique")
        batch_op.create_index(batch_op.f("ix_orders_expires_at"), ["expires_at"], unique=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_orders_buyer_id_idempotency_key_cooperative_id"),
            ["buyer_id", "idempotency_key", "cooperative_id"],
        )


def downgrade():
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_orders_buyer_id_idempotency_key_cooperative_id"), type_="unique"
        )
        batch_op.drop_index(batch_op.f("ix_orders_expires_at"))
        batch_op.create_unique_constraint(
            batch_op.f("uq_orders_buyer_id_idempotency_key"), ["buyer_id", "idempotency_key"]
        )
        batch_op.drop_column("cancellation_reason")
        batch_op.drop_column("expires_at")
        batch_op.drop_column("po_number")
        batch_op.drop_column("village")
        batch_op.drop_column("district")
        batch_op.drop_column("regency")
        batch_op.drop_column("province")
        batch_op.drop_column("vat")
        batch_op.drop_column("vat_rate_bp")
        batch_op.drop_column("tax_base")

    with op.batch_alter_table("cooperatives", schema=None) as batch_op:
        batch_op.drop_column("unpaid_expiry_hours")
        batch_op.drop_column("is_pkp")

    with op.batch_alter_table("cart_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cart_items_product_id"))
        batch_op.drop_index(batch_op.f("ix_cart_items_buyer_id"))

    op.drop_table("cart_items")
