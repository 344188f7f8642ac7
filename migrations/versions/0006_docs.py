"""Documents: buyer's company and NPWP on the order, notification time zone, 16-digit NPWP.

The buyer may give a company name and NPWP at checkout for the invoice (faktur). A notification
remembers the time zone of the cooperative it concerns, so that its time shows in WIB, WITA or
WIT. NPWP values stored in the old 15-digit form get the leading 0 that makes them 16 digits.

Revision ID: 0006_docs
Revises: 0005_coops
Create Date: 2026-12-01 09:50:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0006_docs"
down_revision = "0005_coops"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("buyer_company", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("buyer_npwp", sa.String(length=16), nullable=True))
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "time_zone", sa.String(length=32), server_default="Asia/Jakarta", nullable=False
            )
        )
    op.execute(
        "UPDATE cooperatives SET npwp = '0' || npwp WHERE npwp IS NOT NULL AND LENGTH(npwp) = 15"
    )


def downgrade():
    # The 16-digit NPWP stays: it is the current form of the same number.
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_column("time_zone")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("buyer_npwp")
        batch_op.drop_column("buyer_company")
