"""Official region codes beside the names on orders and cooperatives; buyers' saved addresses.

Existing orders and cooperatives keep their typed names with empty codes.

Revision ID: 0020_places
Revises: 0019_photos
"""

import sqlalchemy as sa
from alembic import op

revision = "0020_places"
down_revision = "0019_photos"
branch_labels = None
depends_on = None

ORDER_CODES = ("province_code", "regency_code", "district_code", "village_code")
COOPERATIVE_CODES = ("province_code", "regency_code")


def _code(name: str) -> sa.Column:
    return sa.Column(name, sa.String(length=13), nullable=False, server_default="")


def upgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        for name in ORDER_CODES:
            batch.add_column(_code(name))
    with op.batch_alter_table("cooperatives") as batch:
        for name in COOPERATIVE_CODES:
            batch.add_column(_code(name))
    op.create_table(
        "saved_addresses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=60), nullable=False),
        sa.Column("recipient_name", sa.String(length=120), nullable=False),
        sa.Column("recipient_phone", sa.String(length=20), nullable=False),
        sa.Column("province_code", sa.String(length=13), nullable=False),
        sa.Column("province", sa.String(length=80), nullable=False),
        sa.Column("regency_code", sa.String(length=13), nullable=False),
        sa.Column("regency", sa.String(length=80), nullable=False),
        sa.Column("district_code", sa.String(length=13), nullable=False),
        sa.Column("district", sa.String(length=80), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("village", sa.String(length=80), nullable=False),
        sa.Column("street_address", sa.Text(), nullable=False),
        sa.Column("postal_code", sa.String(length=5), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_saved_addresses_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_addresses")),
    )
    with op.batch_alter_table("saved_addresses") as batch:
        batch.create_index(batch.f("ix_saved_addresses_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("saved_addresses") as batch:
        batch.drop_index(batch.f("ix_saved_addresses_user_id"))
    op.drop_table("saved_addresses")
    with op.batch_alter_table("cooperatives") as batch:
        for name in COOPERATIVE_CODES:
            batch.drop_column(name)
    with op.batch_alter_table("orders") as batch:
        for name in ORDER_CODES:
            batch.drop_column(name)
