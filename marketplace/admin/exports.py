"""Every table of the database as CSV or XLSX for the operator, read in id order in batches.

Secrets never leave: password hashes, invitation and reset tokens, API secrets and the like
are left out by their column names.
"""

from collections.abc import Iterator

from sqlalchemy import Table, select

from marketplace.extensions import db

# A column whose name holds one of these is a secret or a key to an account: never exported.
SECRET_MARKS = ("password", "secret", "token", "hash")
BATCH = 1000


def tables() -> list[Table]:
    """The tables the operator may export, by name."""
    return sorted(
        (t for t in db.metadata.sorted_tables if t.name != "alembic_version"),
        key=lambda t: t.name,
    )


def table_named(name: str) -> Table | None:
    return next((t for t in tables() if t.name == name), None)


def exported_columns(table: Table) -> list:
    return [
        column
        for column in table.columns
        if not any(mark in column.name.lower() for mark in SECRET_MARKS)
    ]


def header(table: Table) -> list[str]:
    return [column.name for column in exported_columns(table)]


def _cell(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def rows(table: Table) -> Iterator[tuple]:
    """The table's rows (exported columns only), in primary key order, fetched in batches."""
    columns = exported_columns(table)
    order = list(table.primary_key.columns) or columns[:1]
    result = db.session.execute(
        select(*columns).order_by(*order).execution_options(yield_per=BATCH)
    )
    for row in result:
        yield tuple(_cell(value) for value in row)
