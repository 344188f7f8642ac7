"""A real Celery worker against Redis: what the web process writes to the outbox is sent by
the worker after commit, also when the worker was down at the time."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from marketplace import queue
from marketplace.extensions import db
from marketplace.mail import queue_mail
from marketplace.outbox import OutboxMessage
from marketplace.transaction import transaction

ROOT = Path(__file__).resolve().parents[3]  # where celery_worker.py is
BROKER = "redis://127.0.0.1:6379/14"
WAIT_SECONDS = 120  # a worker starts in seconds, slower on a loaded 2-core machine


@pytest.fixture
def broker(app):
    """Jobs go to Redis (a queue of this test's own) instead of running in-process."""
    name = f"test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    saved = {k: app.config.get(k) for k in ("CELERY_BROKER_URL", "CELERY_QUEUE")}
    app.config.update(CELERY_BROKER_URL=BROKER, CELERY_QUEUE=name)
    queue.configure(app)
    yield name
    app.config.update(saved)
    queue.configure(app)


def _worker(app, queue_name: str, smtp_port: int) -> subprocess.Popen:
    env = os.environ | {
        "FLASK_CONFIG": "development",
        "SECRET_KEY": uuid.uuid4().hex * 2,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "CELERY_BROKER_URL": BROKER,
        "CELERY_QUEUE": queue_name,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp_port),
    }
    command = [sys.executable, "-m", "celery", "-A", "celery_worker", "worker",
               "--pool=solo", "-Q", queue_name, "--without-heartbeat", "--without-gossip",
               "--without-mingle", "--loglevel=WARNING"]  # fmt: skip
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def _stop(process: subprocess.Popen) -> str:
    process.terminate()
    try:
        output, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output.decode(errors="replace")


def _wait_for(predicate) -> bool:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _sent_rows() -> list[OutboxMessage]:
    db.session.rollback()  # see what the worker committed
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.sent_at.is_not(None))))


def test_the_worker_sends_what_a_transaction_queued(app, broker, smtp_server):
    worker = _worker(app, broker, smtp_server.server_address[1])
    try:
        with transaction():
            queue_mail("siti@example.com", "Pesanan dikirim", "Badan email")
        assert smtp_server.messages == []  # nothing in-process: the worker sends it
        assert _wait_for(lambda: smtp_server.messages), "the worker sent nothing"
        assert _wait_for(lambda: len(_sent_rows()) == 1)
    finally:
        log = _stop(worker)
    assert len(smtp_server.messages) == 1, log
    assert b"Subject: Pesanan dikirim" in smtp_server.messages[0]
