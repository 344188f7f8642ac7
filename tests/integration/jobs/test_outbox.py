"""The outbox: an email is written with the change it reports, sent only after commit, never
lost when sending fails, and sent once however often its job runs."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from marketplace import outbox
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.jobs.tasks import sweep_outbox
from marketplace.mail import queue_mail
from marketplace.outbox import OutboxMessage
from marketplace.transaction import transaction


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(OutboxMessage))


def test_without_a_mail_server_nothing_is_queued(app):
    assert app.config["MAIL_SERVER"] == ""
    with transaction():
        assert queue_mail("siti@example.com", "Hi", "Body") is False
    assert _count() == 0


def test_a_queued_email_is_sent_after_commit_and_its_payload_emptied(app, smtp_server):
    with transaction():
        queue_mail("siti@example.com", "Undangan", "Tautan: https://example.com/t/abc")
        assert smtp_server.messages == []  # nothing leaves before the commit
    (message,) = smtp_server.messages
    assert b"To: siti@example.com" in message
    row = db.session.scalars(select(OutboxMessage)).one()
    assert row.sent_at is not None and row.attempts == 1
    assert row.payload == {}  # the link is not kept


def test_a_rolled_back_transaction_sends_nothing(app, smtp_server):
    with pytest.raises(RuntimeError), transaction():
        queue_mail("siti@example.com", "Undangan", "Body")
        raise RuntimeError("the change failed")
    assert smtp_server.messages == []
    assert _count() == 0


def test_a_failed_send_is_kept_counted_and_sent_by_the_sweeper(app, smtp_server, monkeypatch):
    port = app.config["MAIL_PORT"]
    monkeypatch.setitem(app.config, "MAIL_PORT", 1)  # nothing listens there
    with transaction():
        queue_mail("siti@example.com", "Undangan", "Body")
    row = db.session.scalars(select(OutboxMessage)).one()
    assert row.sent_at is None
    assert row.attempts == 1 and row.last_error.startswith("ConnectionRefusedError")

    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    assert sweep_outbox() == 0  # too recent: its own retry comes first
    with transaction():
        row.created_at = utcnow() - timedelta(minutes=5)
    assert sweep_outbox() == 1
    assert len(smtp_server.messages) == 1
    db.session.refresh(row)
    assert row.sent_at is not None and row.attempts == 2
    assert sweep_outbox() == 0


def test_delivering_twice_sends_once(app, smtp_server):
    with transaction():
        message = (
            queue_mail("siti@example.com", "Undangan", "Body")
            and db.session.scalars(select(OutboxMessage)).one()
        )
    assert outbox.deliver(message.id) is False  # sent already after commit
    assert len(smtp_server.messages) == 1


def test_an_unknown_topic_is_refused(app):
    with pytest.raises(ValueError, match="no handler"), transaction():
        outbox.enqueue("sms", {"to": "+628123"})
    assert _count() == 0
