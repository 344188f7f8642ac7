"""Concurrent acceptances of an RFQ's quotes (PostgreSQL, where row locks matter): one order,
however many buyers' tabs press Accept on whichever quote at once."""

import os
import threading
from collections import Counter

import pytest
from sqlalchemy import func, select

from marketplace.errors import DomainError
from marketplace.extensions import db
from marketplace.orders.models import Order
from marketplace.rfq import services
from marketplace.rfq.models import Quote
from tests.factories import delivery
from tests.rfq_support import build_world, quote

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
        reason="concurrency is proven on PostgreSQL (set TEST_DATABASE_URL)",
    ),
]

TABS = 8


def test_concurrent_accepts_of_two_quotes_make_exactly_one_order(app):
    world = build_world()
    quote_ids = [quote(world, world.first).id, quote(world, world.second).id]
    buyer_id = world.buyer.id
    barrier = threading.Barrier(TABS)
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def worker(i: int) -> None:
        with app.app_context():
            try:
                q = db.session.get(Quote, quote_ids[i % 2])
                buyer = q.recipient.rfq.buyer
                assert buyer.id == buyer_id
                barrier.wait(timeout=30)
                order = services.accept_quote(q, buyer, delivery(), "bank_transfer")
                outcome = f"order {order.id} via {q.id}"
            except DomainError:
                outcome = f"refused {quote_ids[i % 2]}"
            except Exception as exc:  # anything else fails the test below
                outcome = f"error: {exc!r}"
            finally:
                db.session.remove()
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(TABS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not [o for o in outcomes if o.startswith("error")], outcomes
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Order)) == 1
    winners = [o for o in outcomes if o.startswith("order")]
    assert len(winners) == 1 and outcomes[winners[0]] == TABS // 2, outcomes
    loser = next(i for i in quote_ids if not winners[0].endswith(f"via {i}"))
    assert outcomes[f"refused {loser}"] == TABS // 2, outcomes
