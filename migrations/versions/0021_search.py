"""Catalogue search indexes (catalogue/search.py).

PostgreSQL: full-text (GIN over 'simple' tsvectors: a stored generated column of products,
expressions over cooperatives and categories) and trigram (pg_trgm GIN over the names)
indexes, maintained by PostgreSQL itself.

SQLite: an FTS5 table `product_search` (one row per product: its name, category, cooperative,
region and description) and its vocabulary `product_search_terms` (for typo correction), kept
in sync by triggers on products, cooperatives and categories. Triggers rather than the services:
every writer (services, the demo seed, tests, a hand-run fix) keeps the index right, and a
cooperative renamed or moved re-indexes its products in the same statement.

A later migration that recreates `products`, `cooperatives` or `categories` on SQLite (batch
"recreate") drops their triggers and must call `create_sqlite_triggers()` again.

Revision ID: 0021_search
Revises: 0020_places
"""

from alembic import op

revision = "0021_search"
down_revision = "0020_places"
branch_labels = None
depends_on = None

# The expressions the PostgreSQL indexes cover; catalogue/fulltext.py writes the same ones.
# products.search_vector is a stored generated column (PostgreSQL only, no model names it): a
# search then neither parses every description again nor depends on the planner matching an
# expression index.
PG_SEARCH_VECTOR = (
    "ALTER TABLE products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple', name || ' ' || description)) STORED"
)
PG_INDEXES = (
    ("ix_products_search_text", "products", "gin (search_vector)"),
    (
        "ix_cooperatives_search_text",
        "cooperatives",
        "gin (to_tsvector('simple', name || ' ' || province || ' ' || regency))",
    ),
    (
        "ix_categories_search_text",
        "categories",
        "gin (to_tsvector('simple', name_id || ' ' || name_en))",
    ),
    ("ix_products_name_trgm", "products", "gin (lower(name) gin_trgm_ops)"),
    ("ix_cooperatives_name_trgm", "cooperatives", "gin (lower(name) gin_trgm_ops)"),
)

_SQLITE_ROW = """
    INSERT INTO product_search(rowid, name, category, cooperative, region, description)
    SELECT new.id, new.name, c.name_id || ' ' || c.name_en, co.name,
           co.province || ' ' || co.regency, new.description
    FROM categories AS c, cooperatives AS co
    WHERE c.id = new.category_id AND co.id = new.cooperative_id;
"""

SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER product_search_insert AFTER INSERT ON products BEGIN {_SQLITE_ROW} END""",
    f"""CREATE TRIGGER product_search_update
        AFTER UPDATE OF name, description, category_id, cooperative_id ON products BEGIN
        DELETE FROM product_search WHERE rowid = old.id; {_SQLITE_ROW} END""",
    """CREATE TRIGGER product_search_delete AFTER DELETE ON products BEGIN
        DELETE FROM product_search WHERE rowid = old.id; END""",
    """CREATE TRIGGER product_search_cooperative
        AFTER UPDATE OF name, province, regency ON cooperatives BEGIN
        UPDATE product_search SET cooperative = new.name,
               region = new.province || ' ' || new.regency
        WHERE rowid IN (SELECT id FROM products WHERE cooperative_id = new.id); END""",
    """CREATE TRIGGER product_search_category AFTER UPDATE OF name_id, name_en ON categories BEGIN
        UPDATE product_search SET category = new.name_id || ' ' || new.name_en
        WHERE rowid IN (SELECT id FROM products WHERE category_id = new.id); END""",
)


def create_sqlite_triggers() -> None:
    for statement in SQLITE_TRIGGERS:
        op.execute(statement)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(PG_SEARCH_VECTOR)
        for name, table, expression in PG_INDEXES:
            op.execute(f"CREATE INDEX {name} ON {table} USING {expression}")
        return
    # Accents are kept (remove_diacritics 0), as PostgreSQL's 'simple' configuration keeps them.
    op.execute(
        "CREATE VIRTUAL TABLE product_search USING fts5("
        "name, category, cooperative, region, description, "
        "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')"
    )
    op.execute("CREATE VIRTUAL TABLE product_search_terms USING fts5vocab(product_search, 'row')")
    op.execute(_SQLITE_ROW.replace("new.", "p.").replace("FROM ", "FROM products AS p, ", 1))
    create_sqlite_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, _table, _expression in PG_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute("ALTER TABLE products DROP COLUMN IF EXISTS search_vector")
        return
    for statement in SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {statement.split()[2]}")
    op.execute("DROP TABLE IF EXISTS product_search_terms")
    op.execute("DROP TABLE IF EXISTS product_search")
