"""Product photos, and a cooperative's logo, photos, story and founding year.

Revision ID: 0019_photos
Revises: 0018_contracts
"""

import sqlalchemy as sa
from alembic import op

revision = "0019_photos"
down_revision = "0018_contracts"
branch_labels = None
depends_on = None


def _photo_table(name: str, owner: str, owner_table: str) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(owner, sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("thumb_key", sa.String(length=80), nullable=False),
        sa.Column("alt_text", sa.String(length=160), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            [owner], [f"{owner_table}.id"], name=op.f(f"fk_{name}_{owner}_{owner_table}")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint("key", name=op.f(f"uq_{name}_key")),
        sa.UniqueConstraint("thumb_key", name=op.f(f"uq_{name}_thumb_key")),
    )
    with op.batch_alter_table(name) as batch:
        batch.create_index(batch.f(f"ix_{name}_{owner}"), [owner], unique=False)


def upgrade() -> None:
    with op.batch_alter_table("cooperatives") as batch:
        batch.add_column(sa.Column("story", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("founded_year", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("logo_key", sa.String(length=80), nullable=True))
    _photo_table("product_photos", "product_id", "products")
    _photo_table("cooperative_photos", "cooperative_id", "cooperatives")


def downgrade() -> None:
    for name, owner in (("cooperative_photos", "cooperative_id"), ("product_photos", "product_id")):
        with op.batch_alter_table(name) as batch:
            batch.drop_index(batch.f(f"ix_{name}_{owner}"))
        op.drop_table(name)
    with op.batch_alter_table("cooperatives") as batch:
        batch.drop_column("logo_key")
        batch.drop_column("founded_year")
        batch.drop_column("story")
