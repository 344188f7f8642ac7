"""The Idempotency-Key holds under concurrent requests: many threads send the same POST
/orders at once and one order exists afterwards, which every request returns."""

import os
import threading
from collections import Counter

import pytest
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.orders.models import Order
from tests.api_support import bearer, order_body, token_for
from tests.factories import english_user

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
        reason="concurrency is proven on PostgreSQL (set TEST_DATABASE_URL)",
    ),
]

REQUESTS = 12


def test_concurrent_requests_with_one_key_make_one_order(app, coop_with_product):
    headers = {
        **bearer(token_for(english_user("Racing ERP"))),
        "Idempotency-Key": "concurrent-key-0001",
    }
    body = order_body(coop_with_product.product.id)
    barrier = threading.Barrier(REQUESTS)
    answers: Counter = Counter()
    lock = threading.Lock()

    def send() -> None:
        client = app.test_client()
        barrier.wait(timeout=30)
        response = client.post("/api/v1/orders", json=body, headers=headers)
        answer = (response.status_code, (response.get_json() or {}).get("number"))
        with lock:
            answers[answer] += 1

    threads = [threading.Thread(target=send) for _ in range(REQUESTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    db.session.expire_all()
    numbers = list(db.session.scalars(select(Order.number)))
    assert len(numbers) == 1
    assert answers == Counter({(201, numbers[0]): REQUESTS})
    assert db.session.scalar(select(func.count(Order.id))) == 1
