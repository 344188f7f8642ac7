"""Email verification.

users.email_verified_at: when the user opened the link sent to their address. Accounts that
existed before verification was introduced count as verified (they were created under the old
rules and may already have orders).

Revision ID: 0008_ux
Revises: 0007_input
Create Date: 2026-12-01 09:45:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0008_ux"
down_revision = "0007_input"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email_verified_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE users SET email_verified_at = created_at")


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("email_verified_at")
