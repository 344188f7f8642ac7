"""A rotated webhook secret goes on signing beside the new one for a while.

Revision ID: 0025_webhook_secret_overlap
Revises: 0024_api
"""

import sqlalchemy as sa
from alembic import op

revision = "0025_webhook_secret_overlap"
down_revision = "0024_api"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("webhook_endpoints") as batch:
        batch.add_column(sa.Column("previous_secret", sa.String(length=80), nullable=True))
        batch.add_column(
            sa.Column("previous_secret_until", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("webhook_endpoints") as batch:
        batch.drop_column("previous_secret_until")
        batch.drop_column("previous_secret")
