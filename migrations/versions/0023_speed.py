"""Indexes the public pages and the audit trail are read by: the catalogue's newest-first
order, a cooperative's products by name, an entity's audit events. (orders (cooperative_id,
created_at) exists since 0014_reports.)

Revision ID: 0023_speed
Revises: 0022_webhooks
"""

from alembic import op

revision = "0023_speed"
down_revision = "0022_webhooks"
branch_labels = None
depends_on = None

INDEXES = (
    # catalogue/search.py: ORDER BY products.created_at DESC, products.id DESC (browse, newest)
    ("ix_products_created_at_id", "products", ["created_at", "id"]),
    # catalogue/queries.py: a cooperative's products ORDER BY name, id
    ("ix_products_cooperative_id_name_id", "products", ["cooperative_id", "name", "id"]),
    # audit/queries: an order's timeline and allocation history
    ("ix_audit_events_entity_type_entity_id", "audit_events", ["entity_type", "entity_id"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
