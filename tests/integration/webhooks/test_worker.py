"""A real Celery worker against Redis (database 11) sends the webhook an order's
confirmation queued, after the web process committed; the delivery is logged by the worker."""

import os
import subprocess
import sys
import uuid

import pytest

from marketplace import queue
from marketplace.webhooks.models import DeliveryStatus, EventType
from tests.integration.jobs.test_worker import ROOT, _stop, _wait_for
from tests.integration.webhooks.conftest import deliveries, endpoint_for, received
from tests.shipping_support import make_shop, paid_order

BROKER = "redis://127.0.0.1:6379/11"


@pytest.fixture
def broker(app):
    if app.config["SQLALCHEMY_DATABASE_URI"] in ("sqlite://", "sqlite:///:memory:"):
        pytest.skip("the worker needs a database file or server it can open too")
    name = f"test-webhooks-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    saved = {k: app.config.get(k) for k in ("CELERY_BROKER_URL", "CELERY_QUEUE")}
    app.config.update(CELERY_BROKER_URL=BROKER, CELERY_QUEUE=name)
    queue.configure(app)
    yield name
    app.config.update(saved)
    queue.configure(app)


def _worker(app, queue_name: str) -> subprocess.Popen:
    env = os.environ | {
        "FLASK_CONFIG": "development",
        "SECRET_KEY": uuid.uuid4().hex * 2,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "CELERY_BROKER_URL": BROKER,
        "CELERY_QUEUE": queue_name,
        "WEBHOOKS_ALLOW_PRIVATE": "1",  # the receiver listens on 127.0.0.1
    }
    command = [sys.executable, "-m", "celery", "-A", "celery_worker", "worker",
               "--pool=solo", "-Q", queue_name, "--without-heartbeat", "--without-gossip",
               "--without-mingle", "--loglevel=WARNING"]  # fmt: skip
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def test_the_worker_delivers_the_webhook_after_commit(app, broker, receiver):
    shop = make_shop()
    endpoint = endpoint_for(shop.buyer, receiver, events=[EventType.ORDER_CONFIRMED])
    paid_order(shop)
    assert receiver.log == []  # queued on Redis, not sent in-process
    worker = _worker(app, broker)
    try:
        delivered = _wait_for(
            lambda: [d.status for d in deliveries(endpoint)] == [DeliveryStatus.DELIVERED]
        )
    finally:
        output = _stop(worker)
    assert delivered, output
    (body,) = received(receiver, endpoint.secret)
    assert body["type"] == "order.confirmed"
