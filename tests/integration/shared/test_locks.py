"""Check-then-write use cases lock their rows on SQLite (a FILE database, as `make test` uses)
and PostgreSQL alike: two requests released at the same moment, exactly one succeeds.

Before the package lock helpers, these paths used refresh(with_for_update=True), which on
SQLite is a plain SELECT: both requests read the old state and both acted on it.
"""

import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.admin.services import reject_cooperative, verify_cooperative
from marketplace.audit.models import AuditEvent
from marketplace.cooperatives.models import Cooperative
from marketplace.db import utcnow
from marketplace.errors import DomainError
from marketplace.extensions import db
from marketplace.fulfilment import services
from marketplace.fulfilment.models import Assignment
from marketplace.orders.models import Order, OrderStatus
from marketplace.payments.models import Payment, Refund
from marketplace.payments.refunds import refund_payment
from marketplace.payments.services import record_bank_transfer
from tests.factories import (
    english_user,
    local_today,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    order_of,
)


@pytest.fixture(autouse=True)
def _file_database():
    if db.engine.dialect.name == "sqlite" and db.engine.url.database in (None, "", ":memory:"):
        pytest.skip("needs a database file shared by threads")


def at_once(app, *works: Callable[[], object]) -> list[str]:
    """Run each work in its own thread, app context, session and connection, released together
    by a barrier; 'ok' or the DomainError's class name for each, in order."""
    barrier = threading.Barrier(len(works))
    outcomes = [""] * len(works)

    def run(k: int) -> None:
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                works[k]()
                outcomes[k] = "ok"
            except DomainError as exc:
                outcomes[k] = type(exc).__name__
            except Exception as exc:  # noqa: BLE001 - anything else fails the test below
                outcomes[k] = f"error: {exc!r}"
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(k,)) for k in range(len(works))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    db.session.expire_all()
    return outcomes


def one_won(outcomes: list[str]) -> None:
    assert outcomes.count("ok") == 1, outcomes
    assert not [o for o in outcomes if o.startswith("error")], outcomes


@pytest.fixture
def paid():
    admin = english_user("Admin")
    coop = make_cooperative(admin=admin)
    product = make_product(coop)
    member = make_member(coop, user=english_user("Member"))
    make_offer(member, product, 200)
    order = order_of(english_user("Buyer"), product, 40)
    record_bank_transfer(order, admin, amount=order.total, received_on=local_today())
    return {"admin_id": admin.id, "order_id": order.id, "member": member, "total": order.total}


def test_two_full_refunds_of_one_transfer_at_once_refund_it_once(app, paid):
    payment_id = db.session.scalar(select(Payment.id).where(Payment.order_id == paid["order_id"]))

    def refund() -> None:
        order = db.session.get(Order, paid["order_id"])
        admin = db.session.get(User, paid["admin_id"])
        refund_payment(order, payment_id, admin, amount=paid["total"])

    one_won(at_once(app, refund, refund))
    refunded = db.session.scalar(select(func.sum(Refund.amount)))
    assert refunded == paid["total"]
    assert db.session.get(Order, paid["order_id"]).status == OrderStatus.REFUNDED


def _work_in_hand(paid, status: str) -> int:
    order = db.session.get(Order, paid["order_id"])
    order.status = OrderStatus.ALLOCATING
    assignment = Assignment(
        order_line=order.lines[0],
        membership_id=paid["member"].id,
        quantity=40,
        payout_per_unit=1,
        status=status,
        respond_by=utcnow() + timedelta(hours=1),
    )
    db.session.add(assignment)
    db.session.commit()
    return assignment.id


def _as_member(assignment_id: int, act) -> Callable[[], None]:
    def work() -> None:
        assignment = db.session.get(Assignment, assignment_id)
        act(assignment, assignment.membership.user)

    return work


def test_two_accepts_of_one_assignment_at_once_accept_it_once(app, paid):
    assignment_id = _work_in_hand(paid, "proposed")
    accept = _as_member(assignment_id, services.accept_assignment)
    one_won(at_once(app, accept, accept))
    accepted = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "assignment.accepted")
    ).all()
    assert len(accepted) == 1


def test_two_delivery_reports_at_once_record_one(app, paid):
    assignment_id = _work_in_hand(paid, "accepted")

    def deliver(assignment, user) -> None:
        services.report_progress(assignment, user, "delivered_to_hub")

    report = _as_member(assignment_id, deliver)
    one_won(at_once(app, report, report))
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "assignment.delivered_to_hub")
    ).all()
    assert len(events) == 1


def test_verify_and_reject_at_once_one_decision_stands(app):
    platform = english_user("Platform", is_platform_admin=True)
    coop_id = make_cooperative(status="pending").id

    def decide(act) -> Callable[[], None]:
        def work() -> None:
            act(db.session.get(Cooperative, coop_id), db.session.get(User, platform.id))

        return work

    outcomes = at_once(
        app,
        decide(verify_cooperative),
        decide(lambda coop, actor: reject_cooperative(coop, actor, "Akta tidak lengkap")),
    )
    one_won(outcomes)
    decisions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.entity_type == "Cooperative")
    ).all()
    assert len(decisions) == 1
    expected = "verified" if outcomes[0] == "ok" else "rejected"
    assert db.session.get(Cooperative, coop_id).status == expected


def test_two_admins_giving_the_same_open_units_by_hand_give_them_once(app, paid):
    order = db.session.get(Order, paid["order_id"])
    order.status = OrderStatus.IN_PRODUCTION
    db.session.commit()
    line_id, member_id = order.lines[0].id, paid["member"].id

    def give() -> None:
        services.assign_by_hand(
            db.session.get(Order, paid["order_id"]),
            db.session.get(User, paid["admin_id"]),
            services.HandAssignment(line_id, member_id, 40),
        )

    one_won(at_once(app, give, give))
    assert db.session.scalar(select(func.sum(Assignment.quantity))) == 40
