"""The RFQ use cases through the real services: send, quote, decline, talk, accept into an
order at the quoted price, with the refusals changing nothing."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from marketplace.audit.models import AuditEvent
from marketplace.errors import DomainError, InvalidTransition, NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.notifications.models import Notification
from marketplace.orders.models import Order, OrderStatus
from marketplace.rfq import services
from marketplace.rfq.models import RecipientStatus, RFQStatus
from marketplace.rfq.services.accepting import ACCEPT_REFUSALS
from tests.factories import (
    db_state,
    delivery,
    english_user,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
)
from tests.rfq_support import build_world, make_seller, quote, quote_input, rfq_input


@pytest.fixture
def world():
    return build_world()


def kinds(user) -> list[str]:
    return list(
        db.session.scalars(
            select(Notification.kind)
            .where(Notification.user_id == user.id)
            .order_by(Notification.id)
        )
    )


def accept(world, q, **delivery_kw):
    return services.accept_quote(q, world.buyer, delivery(**delivery_kw), "bank_transfer")


def test_an_rfq_goes_to_each_cooperative_and_its_admins_hear_of_it(world):
    assert [r.status for r in world.rfq.recipients] == ["awaiting", "awaiting"]
    assert kinds(world.first.admin) == ["rfq.received"]
    assert kinds(world.second.admin) == ["rfq.received"]
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "rfq.sent"))


def test_accepting_a_quote_places_the_order_at_the_quoted_price_and_closes_the_others(world):
    q1 = quote(world, world.first, unit_price=42_000)
    quote(world, world.second, unit_price=39_000)
    assert kinds(world.buyer) == ["rfq.quoted", "rfq.quoted"]

    order = accept(world, q1)

    # 100 units would be 45.000 by the tiers: the quote's price replaces them.
    assert [(line.quantity, line.unit_price) for line in order.lines] == [(100, 42_000)]
    assert order.subtotal == 4_200_000
    assert order.status == OrderStatus.PLACED and order.cooperative_id == world.first.coop.id
    db.session.refresh(world.rfq)
    assert world.rfq.status == RFQStatus.ACCEPTED
    assert world.recipient(world.first).status == RecipientStatus.ACCEPTED
    assert world.recipient(world.second).status == RecipientStatus.CLOSED
    assert q1.order_id == order.id
    assert "rfq.accepted" in kinds(world.first.admin)
    assert "rfq.closed" in kinds(world.second.admin)
    placed = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "order.placed"))
    assert placed.after["origin"] == "quote"


def test_accepting_twice_returns_the_same_order(world):
    q1 = quote(world, world.first)
    first = accept(world, q1)
    again = accept(world, q1)
    assert again.id == first.id
    assert db.session.scalar(select(func.count()).select_from(Order)) == 1


def test_a_closed_quote_cannot_be_accepted_and_nothing_changes(world):
    q1, q2 = quote(world, world.first), quote(world, world.second)
    accept(world, q1)
    before = db_state()
    with pytest.raises(InvalidTransition):
        accept(world, q2)
    assert db_state() == before


def test_an_expired_quote_cannot_be_accepted(world):
    q1 = quote(world, world.first)
    q1.valid_until = world.first.coop.local_date() - timedelta(days=1)
    db.session.commit()
    before = db_state()
    with pytest.raises(InvalidTransition) as refused:
        accept(world, q1)
    assert refused.value.message == str(ACCEPT_REFUSALS["expired"])
    assert db_state() == before


def test_a_delivery_before_the_quotes_lead_time_is_refused(world):
    q1 = quote(world, world.first, lead_time_days=40)
    before = db_state()
    with pytest.raises(ValidationFailed) as refused:
        accept(world, q1, days_ahead=30)
    assert refused.value.field == "delivery_date"
    assert db_state() == before
    assert accept(world, q1, days_ahead=45).lines[0].unit_price == 42_000


def test_a_quote_beyond_the_pooled_availability_is_refused_on_acceptance(world):
    q1 = quote(world, world.first, quantity=300)  # members offer 200
    before = db_state()
    with pytest.raises(DomainError):
        accept(world, q1)
    assert db_state() == before


def test_a_quote_may_be_revised_until_the_buyer_decides(world):
    quote(world, world.first, unit_price=42_000)
    revised = quote(world, world.first, unit_price=41_000)
    assert revised.unit_price == 41_000
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "rfq.quoted").order_by(AuditEvent.id)
    ).all()
    assert [e.before and e.before["unit_price"] for e in events] == [None, 42_000]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"unit_price": 0}, "unit_price"),
        ({"lead_time_days": -1}, "lead_time_days"),
        ({"lead_time_days": 366}, "lead_time_days"),
        ({"quantity": 0}, "quantity"),
        ({"quantity": 25}, "quantity"),  # not a multiple of the product's step of 10
        ({"quantity": 10}, "quantity"),  # below its minimum of 20
        ({"valid_until": "yesterday"}, "valid_until"),
        ({"product_id": "other"}, "product_id"),  # another cooperative's product
    ],
)
def test_bad_quotes_are_refused_and_change_nothing(world, overrides, field):
    if overrides.get("valid_until") == "yesterday":
        overrides["valid_until"] = world.first.coop.local_date() - timedelta(days=1)
    if overrides.get("product_id") == "other":
        overrides["product_id"] = world.second.product.id
    before = db_state()
    with pytest.raises(ValidationFailed) as refused:
        quote(world, world.first, **overrides)
    assert refused.value.field == field
    assert db_state() == before


def test_a_decline_tells_the_buyer_and_is_final(world):
    recipient = world.recipient(world.second)
    services.decline_rfq(recipient, world.second.admin, "Kapasitas penuh bulan ini")
    assert recipient.status == RecipientStatus.DECLINED
    assert kinds(world.buyer) == ["rfq.declined"]
    before = db_state()
    with pytest.raises(InvalidTransition):
        quote(world, world.second)
    with pytest.raises(ValidationFailed):
        services.decline_rfq(world.recipient(world.first), world.first.admin, "  ")
    assert db_state() == before


def test_after_acceptance_no_cooperative_can_quote_or_decline(world):
    accept(world, quote(world, world.first))
    before = db_state()
    with pytest.raises(InvalidTransition):
        quote(world, world.second)
    with pytest.raises(InvalidTransition):
        services.decline_rfq(world.recipient(world.second), world.second.admin, "Terlambat")
    assert db_state() == before


def test_each_message_notifies_the_other_side_of_that_thread_only(world):
    recipient = world.recipient(world.first)
    services.post_message(recipient, world.buyer, "Bisa warna merah?", [], from_buyer=True)
    services.post_message(recipient, world.first.admin, "Bisa.", [], from_buyer=False)
    assert kinds(world.first.admin) == ["rfq.received", "rfq.message_to_coop"]
    assert kinds(world.buyer) == ["rfq.message_to_buyer"]
    assert kinds(world.second.admin) == ["rfq.received"]
    before = db_state()
    with pytest.raises(ValidationFailed):
        services.post_message(recipient, world.buyer, "   ", [], from_buyer=True)
    assert db_state() == before


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ("no_cooperative", "cooperatives"),
        ("pending_cooperative", "cooperatives"),
        ("unknown_cooperative", "cooperatives"),
        ("date_today", "needed_by"),
        ("zero_quantity", "quantity"),
        ("negative_target", "target_price"),
        ("empty_title", "title"),
    ],
)
def test_bad_rfqs_are_refused_and_change_nothing(case, field):
    buyer = english_user("Buyer")
    seller = make_seller("Koperasi Tiga")
    ids, data = [seller.coop.id], rfq_input()
    if case == "no_cooperative":
        ids = []
    elif case == "pending_cooperative":
        ids = [make_cooperative(admin=english_user("Pending"), status="pending").id]
    elif case == "unknown_cooperative":
        ids = [seller.coop.id, 2_000_000]
    elif case == "date_today":
        data = rfq_input(needed_by=seller.coop.local_date())
    elif case == "zero_quantity":
        data = rfq_input(quantity=0)
    elif case == "negative_target":
        data = rfq_input(target_price=-5)
    elif case == "empty_title":
        data = rfq_input(title="   ")
    before = db_state()
    with pytest.raises(ValidationFailed) as refused:
        services.send_rfq(buyer, data, ids, [])
    assert refused.value.field == field
    assert db_state() == before


def test_an_rfq_from_a_product_takes_its_unit_and_its_cooperative_may_quote_it(world):
    product = world.first.product
    rfq = services.send_rfq(
        world.buyer, rfq_input(product.id, unit="kg"), [world.first.coop.id], []
    )
    assert rfq.unit == product.unit and rfq.product_id == product.id
    q = services.submit_quote(
        rfq.recipients[0], world.first.admin, quote_input(world.first, unit_price=44_000)
    )
    assert accept(world, q).lines[0].unit_price == 44_000


def test_a_quote_naming_a_draft_product_is_accepted_only_once_it_is_published(world):
    draft = make_product(world.first.coop, name="Boneka logo hotel", status="draft")
    make_offer(make_member(world.first.coop), draft, 200)
    q = quote(world, world.first, product_id=draft.id)
    before = db_state()
    with pytest.raises(NotAllowed):
        accept(world, q)
    assert db_state() == before
    draft.status = "published"
    db.session.commit()
    assert accept(world, q).lines[0].product_id == draft.id
