"""Full-text matching of catalogue words, one way per database, behind search.py.

PostgreSQL: every word is a prefix tsquery in the 'simple' configuration, matched through the
GIN indexes of migration 0013 (products' stored search_vector, expressions over cooperatives
and categories); ranked by ts_rank plus pg_trgm similarity of the product's name. SQLite: an
FTS5 table kept by triggers, ranked by bm25 with the same column weights.

Words reach this module already split by spelling.words(): letters and digits only, so no
character of a query is ever an operator of either engine.
"""

from sqlalchemy import (
    CTE,
    Float,
    Select,
    Subquery,
    and_,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import aliased
from sqlalchemy.sql import column, table

from marketplace.catalogue.models import Category, Product
from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db

# Relative weight of a match in each part of a product's document (bm25 column weights).
NAME, CATEGORY, COOPERATIVE, REGION, DESCRIPTION = 10.0, 4.0, 3.0, 3.0, 1.0

_fts = table("product_search", column("rowid"))
# products with its PostgreSQL-only generated column (migration 0013), which no model names
_pg_products = table("products", column("id"), column("search_vector"))
_terms = table("product_search_terms", column("term"))
_SIMPLE = literal_column("'simple'")
_SPACE = literal_column("' '")


def is_postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def matching(words: list[str], fuzzy: tuple[str, ...] = ()) -> Subquery | CTE:
    """The products whose document holds every word (as a word or a word's beginning), as a
    subquery of (product_id, score), a higher score ranking first. PostgreSQL also accepts the
    `fuzzy` words by trigram similarity to a product's or cooperative's name."""
    if is_postgresql():
        return _postgresql(words, fuzzy).subquery("text_match")
    # Materialised: SQLite would otherwise run the MATCH again for every product it joins.
    return _sqlite(words).cte("text_match").prefix_with("MATERIALIZED")


def vocabulary() -> set[str]:
    """Every word of the catalogue's documents (the candidates for correcting a typo)."""
    if is_postgresql():
        stat = _pg_stat()
        return set(db.session.scalars(select(stat.c.word)))
    return set(db.session.scalars(select(_terms.c.term)))


# --- SQLite -------------------------------------------------------------------------------


def _sqlite(words: list[str]) -> Select:
    expression = " AND ".join(f'"{word}"*' for word in words)
    table_name = literal_column("product_search")
    bm25 = func.bm25(table_name, NAME, CATEGORY, COOPERATIVE, REGION, DESCRIPTION, type_=Float)
    return select(_fts.c.rowid.label("product_id"), (-bm25).label("score")).where(
        table_name.op("MATCH")(expression)
    )


# --- PostgreSQL ---------------------------------------------------------------------------


def _tsvector(*parts):
    text = parts[0]
    for part in parts[1:]:
        text = text.op("||")(_SPACE).op("||")(part)
    return func.to_tsvector(_SIMPLE, text)


def _tsquery(text: str):
    return func.to_tsquery(_SIMPLE, literal(text))


def _word_matches(word: str):
    """One word, found in the product, its cooperative (name, region) or its category: each
    through its own GIN index (the expressions are those of migration 0013)."""
    query = _tsquery(f"{word}:*")
    p = _pg_products.alias("vector_match")
    c, k = aliased(Cooperative), aliased(Category)
    return or_(
        Product.id.in_(select(p.c.id).where(p.c.search_vector.op("@@")(query))),
        Product.cooperative_id.in_(
            select(c.id).where(_tsvector(c.name, c.province, c.regency).op("@@")(query))
        ),
        Product.category_id.in_(
            select(k.id).where(_tsvector(k.name_id, k.name_en).op("@@")(query))
        ),
    )


def _similar_name(word: str):
    """A word no correction fits, found by trigram word similarity (pg_trgm's `<%`, through
    the trigram GIN indexes on the names)."""
    p, c = aliased(Product), aliased(Cooperative)
    return or_(
        Product.id.in_(select(p.id).where(literal(word).op("<%")(func.lower(p.name)))),
        Product.cooperative_id.in_(select(c.id).where(literal(word).op("<%")(func.lower(c.name)))),
    )


def _postgresql(words: list[str], fuzzy: tuple[str, ...]) -> Select:
    # Ranked by the stored vector (no description parsed again per row) and the name's
    # trigram similarity to the query; search.py ranks names holding the words first anyway.
    any_word = _tsquery(" | ".join(f"{word}:*" for word in [*words, *fuzzy]))
    phrase = " ".join([*words, *fuzzy])
    score = func.ts_rank(literal_column("products.search_vector"), any_word) + 0.1 * (
        func.similarity(func.lower(Product.name), literal(phrase))
    )
    conditions = [_word_matches(word) for word in words] + [_similar_name(w) for w in fuzzy]
    return select(Product.id.label("product_id"), score.label("score")).where(and_(*conditions))


def _pg_stat():
    """ts_stat over every document part: one row per distinct word."""
    documents = (
        "SELECT search_vector FROM products"
        " UNION ALL SELECT to_tsvector('simple', name || ' ' || province || ' ' || regency)"
        " FROM cooperatives"
        " UNION ALL SELECT to_tsvector('simple', name_id || ' ' || name_en) FROM categories"
    )
    return func.ts_stat(literal(documents)).table_valued("word")
