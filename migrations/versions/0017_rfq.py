"""Requests for quotation: RFQs, the cooperatives they went to, quotes, thread messages and
their attachments.

Revision ID: 0017_rfq
Revises: 0016_capacity
"""

import sqlalchemy as sa
from alembic import op

revision = "0017_rfq"
down_revision = "0016_capacity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rfqs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("specification", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=10), nullable=False),
        sa.Column("grade", sa.String(length=60), nullable=False),
        sa.Column("needed_by", sa.Date(), nullable=False),
        sa.Column("delivery_place", sa.String(length=200), nullable=False),
        sa.Column("target_price", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_rfqs_quantity_positive")),
        sa.CheckConstraint(
            "target_price IS NULL OR target_price > 0", name=op.f("ck_rfqs_target_positive")
        ),
        sa.ForeignKeyConstraint(["buyer_id"], ["users.id"], name=op.f("fk_rfqs_buyer_id_users")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_rfqs_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rfqs")),
    )
    with op.batch_alter_table("rfqs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rfqs_buyer_id"), ["buyer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rfqs_status"), ["status"], unique=False)

    op.create_table(
        "rfq_recipients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rfq_id", sa.Integer(), nullable=False),
        sa.Column("cooperative_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("decline_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["cooperative_id"],
            ["cooperatives.id"],
            name=op.f("fk_rfq_recipients_cooperative_id_cooperatives"),
        ),
        sa.ForeignKeyConstraint(
            ["rfq_id"], ["rfqs.id"], name=op.f("fk_rfq_recipients_rfq_id_rfqs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rfq_recipients")),
        sa.UniqueConstraint(
            "rfq_id", "cooperative_id", name=op.f("uq_rfq_recipients_rfq_id_cooperative_id")
        ),
    )
    with op.batch_alter_table("rfq_recipients", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rfq_recipients_cooperative_id"), ["cooperative_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_rfq_recipients_rfq_id"), ["rfq_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rfq_recipients_status"), ["status"], unique=False)

    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price", sa.BigInteger(), nullable=False),
        sa.Column("lead_time_days", sa.Integer(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("conditions", sa.Text(), nullable=False),
        sa.Column("quoted_by_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("lead_time_days >= 0", name=op.f("ck_quotes_lead_nonnegative")),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_quotes_quantity_positive")),
        sa.CheckConstraint("unit_price > 0", name=op.f("ck_quotes_price_positive")),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_quotes_order_id_orders")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_quotes_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["quoted_by_id"], ["users.id"], name=op.f("fk_quotes_quoted_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["recipient_id"],
            ["rfq_recipients.id"],
            name=op.f("fk_quotes_recipient_id_rfq_recipients"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotes")),
        sa.UniqueConstraint("recipient_id", name=op.f("uq_quotes_recipient_id")),
    )
    op.create_table(
        "rfq_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("from_buyer", sa.Boolean(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_rfq_messages_author_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["recipient_id"],
            ["rfq_recipients.id"],
            name=op.f("fk_rfq_messages_recipient_id_rfq_recipients"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rfq_messages")),
    )
    with op.batch_alter_table("rfq_messages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rfq_messages_recipient_id"), ["recipient_id"], unique=False
        )

    op.create_table(
        "rfq_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rfq_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("filename", sa.String(length=120), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["rfq_messages.id"],
            name=op.f("fk_rfq_attachments_message_id_rfq_messages"),
        ),
        sa.ForeignKeyConstraint(
            ["rfq_id"], ["rfqs.id"], name=op.f("fk_rfq_attachments_rfq_id_rfqs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rfq_attachments")),
        sa.UniqueConstraint("key", name=op.f("uq_rfq_attachments_key")),
    )
    with op.batch_alter_table("rfq_attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rfq_attachments_message_id"), ["message_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_rfq_attachments_rfq_id"), ["rfq_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("rfq_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rfq_attachments_rfq_id"))
        batch_op.drop_index(batch_op.f("ix_rfq_attachments_message_id"))

    op.drop_table("rfq_attachments")
    with op.batch_alter_table("rfq_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rfq_messages_recipient_id"))

    op.drop_table("rfq_messages")
    op.drop_table("quotes")
    with op.batch_alter_table("rfq_recipients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rfq_recipients_status"))
        batch_op.drop_index(batch_op.f("ix_rfq_recipients_rfq_id"))
        batch_op.drop_index(batch_op.f("ix_rfq_recipients_cooperative_id"))

    op.drop_table("rfq_recipients")
    with op.batch_alter_table("rfqs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rfqs_status"))
        batch_op.drop_index(batch_op.f("ix_rfqs_buyer_id"))

    op.drop_table("rfqs")
