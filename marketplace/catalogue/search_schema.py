"""The catalogue search's own database objects, which no model describes (migration 0013):
SQLite's FTS5 table `product_search` with its shadow and vocabulary tables, PostgreSQL's
`products.search_vector` column and GIN indexes. Schema comparisons (the models-match-
migrations test, autogenerate) leave them alone through `include_object`. Pure: no Flask,
no SQLAlchemy."""

SEARCH_TABLE_PREFIX = "product_search"
SEARCH_INDEXES = frozenset(
    {
        "ix_products_search_text",
        "ix_cooperatives_search_text",
        "ix_categories_search_text",
        "ix_products_name_trgm",
        "ix_cooperatives_name_trgm",
    }
)


SEARCH_COLUMNS = frozenset({"search_vector"})  # products.search_vector, PostgreSQL only


def is_search_object(name: str | None, type_: str) -> bool:
    if type_ == "column":
        return name in SEARCH_COLUMNS
    if type_ == "table":
        return bool(name) and name.startswith(SEARCH_TABLE_PREFIX)
    return type_ == "index" and name in SEARCH_INDEXES


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's include_object hook: everything except the search's own objects."""
    return not (reflected and compare_to is None and is_search_object(name, type_))
