"""Shipments: partial shipping of what passed QC, receipt (buyer, proof, assumed), completion,
and who may not."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace.audit.models import AuditEvent
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.fulfilment.services import ship_ready_units, shippable_units
from marketplace.notifications.models import Notification
from marketplace.orders.models import OrderStatus
from marketplace.orders.services import (
    ProofOfDelivery,
    complete_due,
    confirm_receipt,
    receive_overdue,
    record_proof,
)
from marketplace.orders.shipment_models import ReceivedHow
from tests.factories import db_state, english_user, local_today, order_of
from tests.shipping_support import days_ago, details, make_shop, paid_order, pass_qc


@pytest.fixture
def shop():
    return make_shop()


def kinds(user):
    return [
        n.kind
        for n in db.session.scalars(
            select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
        )
    ]


def test_a_line_ships_in_parts_as_qc_passes_and_the_order_moves_on(shop):
    order = paid_order(shop)
    pass_qc(shop, order, how_many=1)
    line = order.lines[0]
    assert order.status == OrderStatus.IN_PRODUCTION
    assert shippable_units(line) == 20

    first = ship_ready_units(order, shop.admin, details(), {line.id: 20})
    assert first.number == f"SJ-{order.number}-1" and first.lines[0].quantity == 20
    assert order.status == OrderStatus.IN_PRODUCTION and shippable_units(line) == 0
    assert "shipment.sent" in kinds(shop.buyer)

    pass_qc(shop, order)
    assert order.status == OrderStatus.READY
    second = ship_ready_units(order, shop.admin, details(courier="Kurir Kampung"), {line.id: 20})
    assert order.status == OrderStatus.SHIPPED and second.position == 2
    assert "order.shipped" in kinds(shop.buyer)
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions.count("shipment.sent") == 2 and "order.shipped" in actions


def test_more_than_passed_qc_or_an_unpaid_order_cannot_ship(shop):
    order = paid_order(shop)
    pass_qc(shop, order, how_many=1)
    line = order.lines[0]
    unpaid = order_of(shop.buyer, shop.product, 20)
    before = db_state()
    with pytest.raises(ValidationFailed):
        ship_ready_units(order, shop.admin, details(), {line.id: 21})
    with pytest.raises(ValidationFailed):
        ship_ready_units(order, shop.admin, details(), {line.id: 0})
    with pytest.raises(ValidationFailed):
        ship_ready_units(order, shop.admin, details(tracking_number="<script>"), {line.id: 10})
    future = local_today() + timedelta(days=3)
    with pytest.raises(ValidationFailed):
        ship_ready_units(order, shop.admin, details(shipped_on=future), {line.id: 10})
    with pytest.raises(InvalidTransition):
        ship_ready_units(unpaid, shop.admin, details(), {unpaid.lines[0].id: 20})
    assert db_state() == before


def _shipped(shop, quantity=40):
    order = paid_order(shop, quantity)
    pass_qc(shop, order)
    shipment = ship_ready_units(order, shop.admin, details(), {order.lines[0].id: quantity})
    return order, shipment


def test_buyer_confirms_receipt_and_the_order_completes_after_the_window(shop):
    order, shipment = _shipped(shop)
    confirm_receipt(shipment, shop.buyer)
    assert shipment.received_how == ReceivedHow.BUYER and order.status == OrderStatus.DELIVERED
    assert "admin.received" in kinds(shop.admin)
    assert "order.delivered" not in kinds(shop.buyer)  # the buyer did it themselves
    assert complete_due() == []  # the complaint window is still open
    later = utcnow() + timedelta(days=shop.coop.complaint_window_days, minutes=1)
    assert complete_due(later) == [order.number]
    assert order.status == OrderStatus.COMPLETED
    assert complete_due(later) == []  # twice is once


def test_someone_else_cannot_confirm_and_a_shipment_is_received_once(shop):
    order, shipment = _shipped(shop)
    outsiders = (english_user("Other buyer"), shop.admin, shop.members[0].user)
    before = db_state()
    for outsider in outsiders:
        with pytest.raises(NotAllowed):
            confirm_receipt(shipment, outsider)
    assert db_state() == before
    confirm_receipt(shipment, shop.buyer)
    before = db_state()
    with pytest.raises(InvalidTransition):
        confirm_receipt(shipment, shop.buyer)
    assert db_state() == before


def test_admin_records_proof_of_delivery(shop):
    order, shipment = _shipped(shop)
    with pytest.raises(ValidationFailed):
        record_proof(shipment, shop.admin, ProofOfDelivery(" ", utcnow()))
    with pytest.raises(ValidationFailed):
        record_proof(shipment, shop.admin, ProofOfDelivery("Dewi", utcnow() + timedelta(hours=2)))
    record_proof(shipment, shop.admin, ProofOfDelivery("Dewi (front desk)", utcnow()))
    assert shipment.received_by == "Dewi (front desk)" and order.status == OrderStatus.DELIVERED
    assert "shipment.received" in kinds(shop.buyer)


def test_unconfirmed_shipments_are_taken_as_received_after_the_cooperatives_days(shop):
    order, shipment = _shipped(shop)
    assert receive_overdue() == []
    due = utcnow() + timedelta(days=shop.coop.auto_receive_days, minutes=1)
    assert receive_overdue(due) == [shipment.number]
    assert shipment.received_how == ReceivedHow.ASSUMED and order.status == OrderStatus.DELIVERED
    assert receive_overdue(due) == []
    assert days_ago(0) <= utcnow()


def test_cooperative_sets_its_receive_and_complaint_days(app, shop):
    from tests.factories import client_for
    from tests.integration.cooperatives.test_cooperatives import settings_data

    client = client_for(app, shop.admin)
    url = f"/kelola/{shop.coop.slug}/pengaturan"
    data = settings_data(shop.coop, auto_receive_days="10", complaint_window_days="5")
    assert client.post(url, data=data).status_code == 302
    db.session.refresh(shop.coop)
    assert (shop.coop.auto_receive_days, shop.coop.complaint_window_days) == (10, 5)
    before = db_state()
    bad = client.post(url, data=settings_data(shop.coop, complaint_window_days="0"))
    assert "1 to 60 days" in bad.get_data(as_text=True)
    assert db_state() == before
