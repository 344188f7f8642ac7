"""Reports and the operator's console: indexes the figures are read by, and the reason an
account was deactivated.

Revision ID: 0014_reports
Revises: 0013_outbox
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_reports"
down_revision = "0013_outbox"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_orders_cooperative_id_confirmed_at", "orders", ["cooperative_id", "confirmed_at"]),
    ("ix_orders_confirmed_at", "orders", ["confirmed_at"]),
    ("ix_orders_cooperative_id_created_at", "orders", ["cooperative_id", "created_at"]),
    ("ix_supply_offers_product_id_updated_at", "supply_offers", ["product_id", "updated_at"]),
    ("ix_shipments_shipped_at", "shipments", ["shipped_at"]),
)


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("deactivated_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("deactivation_reason", sa.Text(), nullable=True))
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("users") as batch:
        batch.drop_column("deactivation_reason")
        batch.drop_column("deactivated_at")
