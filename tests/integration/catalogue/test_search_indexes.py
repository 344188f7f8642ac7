"""The search's own database objects exist in the test database, which the migrations made
(tests/conftest.py), and the PostgreSQL queries go through the GIN indexes."""

import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import text

from marketplace.catalogue import fulltext
from marketplace.catalogue.search_schema import SEARCH_INDEXES
from marketplace.extensions import db
from tests.factories import make_cooperative, make_product

MIGRATION = Path(__file__).resolve().parents[3] / "migrations" / "versions" / "0021_search.py"
TRIGGERS = {
    "product_search_insert",
    "product_search_update",
    "product_search_delete",
    "product_search_cooperative",
    "product_search_category",
}


def dialect() -> str:
    return db.engine.dialect.name


def test_the_migration_and_the_schema_comparison_name_the_same_indexes():
    spec = importlib.util.spec_from_file_location("migration_0013", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert {name for name, _table, _expr in module.PG_INDEXES} == SEARCH_INDEXES
    assert {statement.split()[2] for statement in module.SQLITE_TRIGGERS} == TRIGGERS


def test_sqlite_has_the_fts5_table_and_its_triggers():
    if dialect() != "sqlite":
        pytest.skip("SQLite's own objects")
    rows = db.session.execute(text("SELECT type, name FROM sqlite_master")).all()
    assert ("table", "product_search") in rows
    assert ("table", "product_search_terms") in rows
    assert {name for kind, name in rows if kind == "trigger"} >= TRIGGERS


def test_postgresql_has_the_gin_indexes_and_uses_them():
    if dialect() != "postgresql":
        pytest.skip("PostgreSQL's own objects")
    found = set(db.session.scalars(text("SELECT indexname FROM pg_indexes")))
    assert found >= SEARCH_INDEXES
    assert db.session.scalar(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"))
    make_product(make_cooperative(), name="Kopi Robusta")
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    sub = fulltext.matching(["kopi"])
    compiled = db.select(sub.c.product_id).compile(
        db.engine, compile_kwargs={"literal_binds": True}
    )
    plan = "\n".join(db.session.scalars(text(f"EXPLAIN {compiled}")))
    assert "ix_products_search_text" in plan, plan
    assert "ix_cooperatives_search_text" in plan, plan
