"""Retries hold under concurrent requests: many threads send the same POST /orders (one
Idempotency-Key) or the same bank transfer (one reference) at once, and one order or one
payment exists afterwards, which every request returns."""

import os
import threading
from collections import Counter

import pytest
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.orders.models import Order
from marketplace.payments.models import Payment
from tests.api_support import bearer, order_body, token_for
from tests.factories import english_user, local_today

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
        reason="concurrency is proven on PostgreSQL (set TEST_DATABASE_URL)",
    ),
]

REQUESTS = 12


def _all_at_once(app, url: str, body: dict, headers: dict) -> Counter:
    """Send the same POST from REQUESTS threads at once; the (status, JSON body) answers."""
    barrier = threading.Barrier(REQUESTS)
    answers: Counter = Counter()
    lock = threading.Lock()

    def send() -> None:
        client = app.test_client()
        barrier.wait(timeout=30)
        response = client.post(url, json=body, headers=headers)
        answer = (response.status_code, str(response.get_json()))
        with lock:
            answers[answer] += 1

    threads = [threading.Thread(target=send) for _ in range(REQUESTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    db.session.expire_all()
    return answers


def test_concurrent_requests_with_one_key_make_one_order(app, coop_with_product):
    headers = {
        **bearer(token_for(english_user("Racing ERP"))),
        "Idempotency-Key": "concurrent-key-0001",
    }
    body = order_body(coop_with_product.product.id)
    answers = _all_at_once(app, "/api/v1/orders", body, headers)
    numbers = list(db.session.scalars(select(Order.number)))
    assert len(numbers) == 1
    assert [status for status, _body in answers] == [201]  # one answer, to every request
    assert numbers[0] in next(iter(answers))[1] and sum(answers.values()) == REQUESTS


def test_concurrent_copies_of_one_transfer_record_one_payment(app, placed_order):
    url = (
        f"/api/v1/cooperatives/{placed_order.coop.slug}/orders/{placed_order.order.number}/payments"
    )
    body = {"amount": 5000, "reference": "BCA-RACE-1", "received_on": local_today().isoformat()}
    answers = _all_at_once(app, url, body, bearer(token_for(placed_order.admin)))
    assert [status for status, _body in answers] == [201] and sum(answers.values()) == REQUESTS
    assert db.session.scalar(select(func.count(Payment.id))) == 1
