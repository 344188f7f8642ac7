"""The one way services commit: a unit of work that commits once or rolls back."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from marketplace.extensions import db

_AFTER_COMMIT = "after_commit_callbacks"


def after_commit(callback: Callable[[], None]) -> None:
    """Run `callback` once the current transaction has committed (never if it rolls back):
    how a service hands work to the job queue only when what the work reads is saved."""
    db.session.info.setdefault(_AFTER_COMMIT, []).append(callback)


@contextmanager
def transaction() -> Iterator[None]:
    """Commit what the block did, or roll all of it back if it raised."""
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        db.session.info.pop(_AFTER_COMMIT, None)
        raise
    for callback in db.session.info.pop(_AFTER_COMMIT, []):
        callback()
