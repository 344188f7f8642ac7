"""How the demo modules write a row: added to the session and flushed, so that it has its id
at once (the seeding runs inside one transaction per step)."""

from typing import TypeVar

from marketplace.extensions import db

Row = TypeVar("Row")


def added(row: Row) -> Row:
    db.session.add(row)
    db.session.flush()
    return row
