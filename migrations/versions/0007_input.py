"""Trusted buyers are named by email, not by account.

A cooperative admin adds a trusted buyer by email; the trust applies to the account with that
address whether it exists already or is registered later, so the form no longer tells anyone
whether an email has an account. Existing rows take their user's (lower-case) email.

Revision ID: 0007_input
Revises: 0006_docs
Create Date: 2026-12-01 10:00:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0007_input"
down_revision = "0006_docs"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("trusted_buyers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email", sa.String(length=254), nullable=True))
    op.execute(
        "UPDATE trusted_buyers SET email = "
        "(SELECT lower(users.email) FROM users WHERE users.id = trusted_buyers.user_id)"
    )
    with op.batch_alter_table("trusted_buyers", schema=None) as batch_op:
        batch_op.alter_column("email", existing_type=sa.String(length=254), nullable=False)
        batch_op.drop_constraint("uq_trusted_buyers_cooperative_id_user_id", type_="unique")
        batch_op.drop_constraint("fk_trusted_buyers_user_id_users", type_="foreignkey")
        batch_op.drop_index("ix_trusted_buyers_user_id")
        batch_op.drop_column("user_id")
        batch_op.create_unique_constraint(
            "uq_trusted_buyers_cooperative_id_email", ["cooperative_id", "email"]
        )


def downgrade():
    # Trust recorded for an email without an account has no user to go back to: it is dropped.
    op.execute(
        "DELETE FROM trusted_buyers WHERE NOT EXISTS "
        "(SELECT 1 FROM users WHERE lower(users.email) = trusted_buyers.email)"
    )
    with op.batch_alter_table("trusted_buyers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE trusted_buyers SET user_id = "
        "(SELECT users.id FROM users WHERE lower(users.email) = trusted_buyers.email)"
    )
    with op.batch_alter_table("trusted_buyers", schema=None) as batch_op:
        batch_op.alter_column("user_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint("uq_trusted_buyers_cooperative_id_email", type_="unique")
        batch_op.drop_column("email")
        batch_op.create_foreign_key(
            "fk_trusted_buyers_user_id_users", "users", ["user_id"], ["id"]
        )
        batch_op.create_index("ix_trusted_buyers_user_id", ["user_id"], unique=False)
        batch_op.create_unique_constraint(
            "uq_trusted_buyers_cooperative_id_user_id", ["cooperative_id", "user_id"]
        )
