"""Suspending a cooperative.

When and why the platform admin suspended a cooperative, shown to its admins.

Revision ID: 0005_coops
Revises: 0004_checkout
Create Date: 2026-12-01 09:50:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0005_coops"
down_revision = "0004_checkout"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("cooperatives", schema=None) as batch_op:
        batch_op.add_column(sa.Column("suspended_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("suspension_reason", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("cooperatives", schema=None) as batch_op:
        batch_op.drop_column("suspension_reason")
        batch_op.drop_column("suspended_at")
