"""The one way services commit: a unit of work that commits once or rolls back."""

from collections.abc import Iterator
from contextlib import contextmanager

from marketplace.extensions import db


@contextmanager
def transaction() -> Iterator[None]:
    """Commit what the block did, or roll all of it back if it raised."""
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
