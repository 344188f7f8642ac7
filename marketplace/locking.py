"""Row locks that serialise check-then-write use cases on PostgreSQL and SQLite alike."""

from sqlalchemy import Engine, event, select, update

from marketplace.extensions import db


def lock_rows(model, ids) -> None:
    """Lock the rows of `model` with these ids until the transaction ends.

    PostgreSQL: SELECT ... FOR UPDATE, in id order so that two requests never wait on each
    other in a circle. SQLite has no row locks: a no-op UPDATE takes the database write lock
    first, before anything is read, so a second writer waits instead of acting on a stale read.
    `model` needs an `updated_at` column (TimestampMixin).
    """
    ids = sorted(set(ids))
    if not ids:
        return
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(
            select(model.id).where(model.id.in_(ids)).order_by(model.id).with_for_update()
        )
    else:
        db.session.execute(
            update(model).where(model.id.in_(ids)).values(updated_at=model.updated_at)
        )


# How long a SQLite writer waits for another one's write lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 30_000


def _busy_timeout(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def wait_for_write_lock(engine: Engine) -> None:
    """On SQLite, make a second writer wait (busy timeout) for the write lock lock_rows takes,
    rather than fail at once with "database is locked". Nothing to do on PostgreSQL."""
    if engine.dialect.name == "sqlite" and not event.contains(engine, "connect", _busy_timeout):
        event.listen(engine, "connect", _busy_timeout)
