"""`flask offtake run-due`: each due call-off becomes exactly one confirmed order on invoice
terms, handed to allocation, however often and however many processes run it."""

import os

import pytest
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.fulfilment.models import Assignment
from marketplace.offtake.models import CallOff, CallOffStatus
from marketplace.offtake.services import run_due
from marketplace.orders.models import Order, OrderStatus, PaymentMethod
from tests.integration.checkout.test_checkout_contention import run_concurrently
from tests.offtake_support import active_deal


def _orders() -> list[Order]:
    db.session.expire_all()
    return list(db.session.scalars(select(Order).order_by(Order.id)))


def test_run_due_twice_orders_each_due_call_off_once(app):
    deal = active_deal()
    first = run_due()
    second = run_due()
    orders = _orders()
    assert len(orders) == 1 and len(first.ordered) == 1 and second.ordered == []
    order = orders[0]
    assert order.buyer_id == deal.offtaker.id
    assert order.payment_method == PaymentMethod.INVOICE_TERMS and order.invoice is not None
    assert order.lines[0].unit_price == 40_000 and order.lines[0].quantity == 20
    assert order.status == OrderStatus.ALLOCATING  # handed to allocation: work offered
    assert db.session.scalar(select(func.count()).select_from(Assignment)) == 1
    call_offs = db.session.scalars(select(CallOff).order_by(CallOff.due_date)).all()
    assert len(call_offs) == 9  # weekly over eight weeks, both ends included
    assert call_offs[0].status == CallOffStatus.ORDERED and call_offs[0].order_id == order.id
    assert {c.status for c in call_offs[1:]} == {CallOffStatus.SCHEDULED}


def test_the_cli_command_runs_and_is_idempotent(app):
    active_deal()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["offtake", "run-due"])
    second = runner.invoke(args=["offtake", "run-due"])
    assert first.exit_code == 0 and "1 call-off(s) ordered" in first.output
    assert second.exit_code == 0 and "0 call-off(s) ordered" in second.output
    assert len(_orders()) == 1


def test_a_call_off_capacity_cannot_cover_is_not_placed_and_the_admin_hears(app):
    from marketplace.notifications.models import Notification
    from tests.fixtures.scenarios import build_shop

    deal = active_deal(build_shop(units=10))  # 20 a call-off, 10 available
    report = run_due()
    call_off = db.session.scalars(select(CallOff).order_by(CallOff.due_date)).first()
    assert report.ordered == [] and call_off.status == CallOffStatus.FAILED
    assert call_off.problem
    kinds = set(
        db.session.scalars(
            select(Notification.kind).where(Notification.user_id == deal.shop.admin.id)
        )
    )
    assert "contract.call_off_failed" in kinds and "contract.call_off_short" in kinds
    assert _orders() == []
    assert run_due().failed == []  # told once


@pytest.mark.postgres
@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
    reason="concurrency is proven on PostgreSQL (set TEST_DATABASE_URL)",
)
def test_concurrent_runs_order_each_call_off_once(app):
    active_deal()
    outcomes = run_concurrently(app, 8, lambda i: len(run_due().ordered))
    assert sum(n * k for n, k in outcomes.items() if isinstance(n, int)) >= 1
    assert not [o for o in outcomes if isinstance(o, str)], outcomes
    assert len(_orders()) == 1
    assert db.session.scalar(select(func.count()).select_from(CallOff)) == 9
