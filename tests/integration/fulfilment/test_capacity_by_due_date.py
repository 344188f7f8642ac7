"""The allocation engine's candidates get each member's capacity by the line's due date:
ready units plus weekly production until then, minus the work the member holds (keeping the
promise of work due later); a member may accept work its production covers."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace.cooperatives.models import SupplyOffer
from marketplace.errors import InsufficientCapacity
from marketplace.extensions import db
from marketplace.fulfilment.services import (
    accept_assignment,
    propose_allocation,
    publish_allocation,
)
from marketplace.payments.services import record_bank_transfer
from tests.factories import db_state, english_user, make_member, make_offer, order_of
from tests.fixtures.scenarios import build_shop


def confirmed_order(shop, quantity: int, weeks: int):
    day = shop.coop.local_date() + timedelta(weeks=weeks)
    order = order_of(english_user(f"Buyer {weeks}"), shop.product, quantity, delivery_date=day)
    record_bank_transfer(
        order, shop.admin, amount=order.total, received_on=day - timedelta(weeks=weeks)
    )
    return order


@pytest.fixture
def shop():
    shop = build_shop(units=100)  # the first member: 100 ready, no rate
    maker = make_member(shop.coop, user=english_user("Maker"))
    make_offer(maker, shop.product, 0, rate_per_week=50)  # nothing ready, 50 a week
    return shop, maker


def capacities(order) -> dict[int, int]:
    [proposal] = propose_allocation(order)
    return {row.membership.id: row.capacity for row in proposal.candidates}


def test_a_twelve_week_order_is_split_by_what_each_member_makes_by_then(app, shop):
    shop, maker = shop
    order = confirmed_order(shop, 700, weeks=12)
    assert capacities(order) == {shop.member.id: 100, maker.id: 600}
    [proposal] = propose_allocation(order)
    assert proposal.allocation.shares == {shop.member.id: 100, maker.id: 600}
    assert proposal.allocation.shortfall == 0
    made = publish_allocation(order, shop.admin)
    mine = next(a for a in made if a.membership_id == maker.id)
    accept_assignment(mine, maker.user)  # 600 > 0 ready: its production covers it
    assert mine.status == "accepted"


def test_work_due_later_keeps_the_production_it_counts_on(app, shop):
    shop, maker = shop
    held = {
        a.membership_id: a.quantity
        for a in publish_allocation(confirmed_order(shop, 600, weeks=12), shop.admin)
    }
    order = confirmed_order(shop, 20, weeks=2)
    # The maker makes 100 by week 2, but 600 by week 12 minus what it holds must stay there.
    assert capacities(order) == {
        shop.member.id: 100 - held[shop.member.id],
        maker.id: min(100, 600 - held[maker.id]),
    }


def test_a_member_cannot_accept_more_than_its_production_by_the_due_date(app, shop):
    shop, maker = shop
    order = confirmed_order(shop, 300, weeks=4)
    assert capacities(order) == {shop.member.id: 100, maker.id: 200}
    made = publish_allocation(order, shop.admin)
    mine = next(a for a in made if a.membership_id == maker.id)
    supply = db.session.scalars(select(SupplyOffer).where(SupplyOffer.membership_id == maker.id))
    supply.one().rate_per_week = 40  # lowered after the proposal: 160 by week 4
    db.session.commit()
    before = db_state()
    with pytest.raises(InsufficientCapacity) as refused:
        accept_assignment(mine, maker.user)
    assert "160" in refused.value.message
    assert db_state() == before
