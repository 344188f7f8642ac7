"""The schema is made only by migrations: models and migrations must agree."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from marketplace.catalogue.search_schema import include_object
from marketplace.extensions import db


def test_models_match_migrations():
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        diff = compare_metadata(context, db.metadata)
    assert diff == [], f"models and migrations differ; add a migration: {diff}"
