"""The scheduler's jobs do what the cron commands do, and a second run changes nothing."""

from datetime import timedelta

from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.jobs import tasks
from marketplace.orders.models import OrderStatus
from marketplace.transaction import transaction


def test_expiring_unpaid_orders_twice_expires_each_once(placed_order):
    order = placed_order.order
    with transaction():
        order.expires_at = utcnow() - timedelta(minutes=1)
    assert tasks.expire_unpaid_orders.delay().get() == 1
    assert tasks.expire_unpaid_orders.delay().get() == 0
    db.session.refresh(order)
    assert order.status == OrderStatus.EXPIRED


def test_reminding_twice_reminds_once(placed_order):
    order = placed_order.order
    with transaction():
        order.expires_at = utcnow() + timedelta(hours=2)
    assert tasks.remind_unpaid_orders.delay().get() == 1
    assert tasks.remind_unpaid_orders.delay().get() == 0


def test_jobs_with_nothing_to_do_change_nothing(confirmed_order):
    assert tasks.expire_unpaid_orders.delay().get() == 0
    assert tasks.receive_overdue_shipments.delay().get() == 0
    assert tasks.expire_overdue_answers.delay().get() == 0
    assert tasks.sweep_outbox.delay().get() == 0
    assert tasks.run_due_call_offs.delay().get() == 0
    db.session.refresh(confirmed_order.order)
    assert confirmed_order.order.status == OrderStatus.CONFIRMED


def test_backoff_grows_and_is_capped():
    delays = [tasks.backoff_seconds(n) for n in range(12)]
    assert delays[:3] == [30, 60, 120]
    assert delays == sorted(delays) and max(delays) == 3600
