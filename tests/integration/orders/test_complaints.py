"""Complaints after delivery: within the window, per line; answered by a partial refund, a
replacement shipment or a rejection; then the order completes. And who may not."""

from datetime import timedelta

import pytest

from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.fulfilment.services import ship_ready_units
from marketplace.orders.models import OrderStatus
from marketplace.orders.services import complete_due, confirm_receipt
from marketplace.orders.services.complaints import (
    ComplaintInput,
    open_complaint,
    reject_complaint,
    replace_for_complaint,
)
from marketplace.orders.shipment_models import ComplaintStatus
from marketplace.payments.complaint_refunds import complaint_value, refund_complaint
from tests.factories import db_state, english_user
from tests.integration.orders.test_shipping import kinds
from tests.shipping_support import details, make_shop, paid_order, pass_qc


@pytest.fixture
def delivered():
    shop = make_shop()
    order = paid_order(shop)
    pass_qc(shop, order)
    shipment = ship_ready_units(order, shop.admin, details(), {order.lines[0].id: 40})
    confirm_receipt(shipment, shop.buyer)
    return shop, order, shipment


def _complain(shop, order, shipment, quantity=5, problem="damaged"):
    data = ComplaintInput(order.lines[0].id, problem, quantity, "Two dolls torn")
    return open_complaint(shipment, shop.buyer, data, [])


def test_refund_answers_a_complaint_and_the_order_then_completes(delivered):
    shop, order, shipment = delivered
    complaint = _complain(shop, order, shipment)
    assert "admin.complaint" in kinds(shop.admin)
    later = utcnow() + timedelta(days=4)
    assert complete_due(later) == []  # an open complaint holds the order
    assert complaint_value(complaint) == 5 * order.lines[0].unit_price
    with pytest.raises(ValidationFailed):
        refund_complaint(complaint, shop.admin, complaint_value(complaint) + 1)
    refund = refund_complaint(complaint, shop.admin, 100_000, "Sorry for the torn dolls")
    assert refund.amount == 100_000 and order.amount_refunded == 100_000
    assert complaint.status == ComplaintStatus.REFUNDED and complaint.refund_amount == 100_000
    assert "complaint.refunded" in kinds(shop.buyer)
    before = db_state()
    with pytest.raises(InvalidTransition):
        refund_complaint(complaint, shop.admin, 1)  # answered once
    assert db_state() == before
    assert complete_due(later) == [order.number]
    assert order.status == OrderStatus.COMPLETED


def test_replacement_ships_the_units_again_and_must_arrive_before_completion(delivered):
    shop, order, shipment = delivered
    complaint = _complain(shop, order, shipment, problem="short")
    replacement = replace_for_complaint(complaint, shop.admin, details(courier="sicepat"))
    assert replacement.is_replacement and replacement.lines[0].quantity == 5
    assert (
        complaint.status == ComplaintStatus.REPLACED and complaint.replacement_id == replacement.id
    )
    assert order.status == OrderStatus.DELIVERED
    later = utcnow() + timedelta(days=4)
    assert complete_due(later) == []  # the replacement is still on its way
    confirm_receipt(replacement, shop.buyer)
    assert complete_due(utcnow() + timedelta(days=2)) == []  # its own window is open
    assert complete_due(later) == [order.number]


def test_rejection_needs_a_reason(delivered):
    shop, order, shipment = delivered
    complaint = _complain(shop, order, shipment, problem="wrong_grade")
    before = db_state()
    with pytest.raises(ValidationFailed):
        reject_complaint(complaint, shop.admin, "  ")
    assert db_state() == before
    reject_complaint(complaint, shop.admin, "The grade matches the order")
    assert complaint.status == ComplaintStatus.REJECTED
    assert "complaint.rejected" in kinds(shop.buyer)


def test_complaints_refused_after_the_window_from_others_or_out_of_bounds(delivered):
    shop, order, shipment = delivered
    other = english_user("Other buyer")
    line_id = order.lines[0].id
    shipment.delivered_at = utcnow() - timedelta(days=shop.coop.complaint_window_days)
    db.session.commit()  # received one window ago: a complaint now is too late
    before = db_state()
    with pytest.raises(NotAllowed):
        open_complaint(shipment, other, ComplaintInput(line_id, "short", 1), [])
    for bad in (
        ComplaintInput(line_id, "short", 41),
        ComplaintInput(line_id, "short", 0),
        ComplaintInput(line_id, "lost", 1),
        ComplaintInput(line_id + 999, "short", 1),
    ):
        with pytest.raises(ValidationFailed):
            open_complaint(shipment, shop.buyer, bad, [])
    with pytest.raises(InvalidTransition):
        open_complaint(shipment, shop.buyer, ComplaintInput(line_id, "short", 1), [])
    assert db_state() == before


def test_a_shipment_not_yet_received_takes_no_complaint():
    shop = make_shop()
    order = paid_order(shop)
    pass_qc(shop, order)
    shipment = ship_ready_units(order, shop.admin, details(), {order.lines[0].id: 40})
    before = db_state()
    with pytest.raises(InvalidTransition):
        open_complaint(shipment, shop.buyer, ComplaintInput(order.lines[0].id, "short", 1), [])
    assert db_state() == before
