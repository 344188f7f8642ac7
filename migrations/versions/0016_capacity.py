"""Capacity over time: a supply offer's production rate per week beside its ready units.

Existing offers get a rate of 0, so their availability stays what their ready units say.

Revision ID: 0016_capacity
Revises: 0015_shu
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_capacity"
down_revision = "0015_shu"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("supply_offers") as batch:
        batch.add_column(
            sa.Column("rate_per_week", sa.Integer(), nullable=False, server_default="0")
        )
        batch.create_check_constraint(
            op.f("ck_supply_offers_rate_nonnegative"), "rate_per_week >= 0"
        )


def downgrade() -> None:
    with op.batch_alter_table("supply_offers") as batch:
        batch.drop_constraint(op.f("ck_supply_offers_rate_nonnegative"), type_="check")
        batch.drop_column("rate_per_week")
