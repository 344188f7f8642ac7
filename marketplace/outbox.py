"""The outbox: messages for the outside world (email, later webhooks) written in the same
transaction as the change they report, and handed to the job queue only after it commits.

A message is never lost: if the broker or the worker is down, it stays unsent in the table and
the sweeper (a periodic job) hands it over again. Delivery is idempotent: a message already
sent is skipped, so a job that runs twice (a worker killed before it acknowledged) sends once
as far as the database can tell. A sent message's payload is emptied (it may hold a link).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import JSON, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.db import UTCDateTime, utcnow
from marketplace.extensions import db
from marketplace.locking import lock_rows
from marketplace.queue import celery
from marketplace.transaction import after_commit, transaction

log = logging.getLogger(__name__)
DELIVER_TASK = "marketplace.deliver_message"
HANDLERS: dict[str, Callable[[dict], None]] = {}
SWEEP_BATCH = 500


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"

    topic: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(String(200), default="")


def handles(topic: str):
    """Register the function that delivers messages of `topic` (it raises when it fails)."""

    def register(func: Callable[[dict], None]) -> Callable[[dict], None]:
        HANDLERS[topic] = func
        return func

    return register


def enqueue(topic: str, payload: dict) -> OutboxMessage:
    """Add a message to the current transaction; it is handed to the queue after commit."""
    if topic not in HANDLERS:
        raise ValueError(f"no handler for outbox topic {topic!r}")
    message = OutboxMessage(topic=topic, payload=payload, attempts=0, last_error="")
    db.session.add(message)
    db.session.flush()
    message_id = message.id
    after_commit(lambda: dispatch(message_id))
    return message


def dispatch(message_id: int) -> None:
    """Hand a message to the queue; if the broker is unreachable, the sweeper does it later."""
    try:
        celery.tasks[DELIVER_TASK].delay(message_id)
    except Exception as exc:  # broker down: the message waits in the table
        log.warning("Job broker unreachable (%s); message %s waits", type(exc).__name__, message_id)


def deliver(message_id: int) -> bool:
    """Send one message unless it was sent already; True when this call sent it. Raises the
    handler's error after counting the attempt."""
    try:
        with transaction():
            lock_rows(OutboxMessage, [message_id])
            message = db.session.get(OutboxMessage, message_id, populate_existing=True)
            if message is None or message.sent_at is not None:
                return False
            HANDLERS[message.topic](dict(message.payload or {}))
            message.sent_at = utcnow()
            message.payload = {}
            message.attempts += 1
    except Exception as exc:
        _count_failure(message_id, exc)
        raise
    return True


def _count_failure(message_id: int, exc: Exception) -> None:
    with transaction():
        message = db.session.get(OutboxMessage, message_id)
        if message is not None:
            message.attempts += 1
            message.last_error = f"{type(exc).__name__}: {exc}"[:200]


def unsent(older_than: timedelta = timedelta(minutes=1)) -> list[int]:
    """Messages not sent a while after they were written: what the sweeper hands over again."""
    cutoff = utcnow() - older_than
    return list(
        db.session.scalars(
            select(OutboxMessage.id)
            .where(OutboxMessage.sent_at.is_(None), OutboxMessage.created_at <= cutoff)
            .order_by(OutboxMessage.id)
            .limit(SWEEP_BATCH)
        )
    )
