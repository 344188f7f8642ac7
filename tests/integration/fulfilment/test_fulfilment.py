"""The admin splits a confirmed order among members; members see their own work."""

import pytest

from marketplace.extensions import db
from marketplace.fulfilment.models import Assignment
from marketplace.fulfilment.services import propose_allocation
from marketplace.orders.models import OrderStatus
from marketplace.payments.services import record_bank_transfer
from tests.factories import (
    login,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    make_user,
    order_of,
)


def _order(product, buyer, quantity, key):
    return order_of(buyer, product, quantity, key=key * 16)


@pytest.fixture
def confirmed():
    admin = make_user("Admin")
    coop = make_cooperative(admin=admin)
    product = make_product(coop)
    big, small = make_member(coop, business_name="Bengkel Besar"), make_member(coop)
    make_offer(big, product, 300)
    make_offer(small, product, 100)
    buyer = make_user("Buyer")
    order = _order(product, buyer, 200, "ab")
    record_bank_transfer(
        order, admin, amount=order.total, received_on=order.cooperative.local_date()
    )
    return coop, order, admin, big, small, buyer


def allocate_url(coop, order):
    return f"/kelola/{coop.slug}/pesanan/{order.number}/alokasi"


def proposed_form(order, **overrides) -> dict:
    """The allocation form as the page fills it: the engine's shares, then `overrides`
    ({"<membership id>": units}), published."""
    data = {"publish": "1"}
    for proposal in propose_allocation(order):
        data[f"policy_{proposal.line.id}"] = proposal.policy.value
        for c in proposal.candidates:
            share = proposal.allocation.shares.get(c.membership.id, 0)
            share = overrides.get(str(c.membership.id), share)
            data[f"share_{proposal.line.id}_{c.membership.id}"] = str(share)
    return data


def test_admin_sees_proposal_and_publishes_a_proportional_split(client, confirmed):
    coop, order, admin, big, small, _ = confirmed
    login(client, admin)
    page = client.get(allocate_url(coop, order)).get_data(as_text=True)
    assert "Bengkel Besar" in page
    assert client.post(allocate_url(coop, order), data=proposed_form(order)).status_code == 302
    shares = {a.membership_id: a.quantity for a in db.session.query(Assignment)}
    assert shares == {big.id: 150, small.id: 50}  # 300:100 of 200 units
    db.session.refresh(order)
    assert order.status == OrderStatus.ALLOCATING


def test_publishing_twice_assigns_once(client, confirmed):
    coop, order, admin, *_ = confirmed
    login(client, admin)
    client.post(allocate_url(coop, order), data=proposed_form(order))
    client.post(allocate_url(coop, order), data=proposed_form(order))
    assert db.session.query(Assignment).count() == 2


def test_members_see_only_their_own_work(client, confirmed):
    coop, order, admin, big, small, _ = confirmed
    login(client, admin)
    client.post(allocate_url(coop, order), data=proposed_form(order))
    client.post("/akun/keluar")
    login(client, small.user)
    page = client.get("/pekerjaan/").get_data(as_text=True)
    assert order.number in page and ">50 " in page.replace("\n", " ")
    assert ">150 " not in page.replace("\n", " ")  # the other member's share


def test_shortfall_blocks_publishing_and_changes_nothing(client):
    admin = make_user("Admin")
    coop = make_cooperative(admin=admin)
    product = make_product(coop)
    member = make_member(coop)
    offer = make_offer(member, product, 200)
    order = _order(product, make_user(), 200, "cd")
    record_bank_transfer(
        order, admin, amount=order.total, received_on=order.cooperative.local_date()
    )
    offer.units_available = 100  # the member lowered its offer after the order was placed
    db.session.commit()
    login(client, admin)
    client.post(allocate_url(coop, order), data=proposed_form(order))
    assert db.session.query(Assignment).count() == 0
    db.session.refresh(order)
    assert order.status == OrderStatus.CONFIRMED


def test_unpaid_order_cannot_be_allocated(client):
    admin = make_user("Admin")
    coop = make_cooperative(admin=admin)
    product = make_product(coop)
    make_offer(make_member(coop), product, 200)
    order = _order(product, make_user(), 100, "ef")
    login(client, admin)
    client.post(allocate_url(coop, order), data=proposed_form(order))
    assert db.session.query(Assignment).count() == 0


def test_who_may_not_allocate(client, confirmed):
    coop, order, _, big, _, buyer = confirmed
    other_admin = make_user("Other admin")
    other = make_cooperative(admin=other_admin)
    for user in (buyer, big.user, other_admin):
        login(client, user)
        assert client.get(allocate_url(coop, order)).status_code == 404
        assert client.post(allocate_url(coop, order), data=proposed_form(order)).status_code == 404
        client.post("/akun/keluar")
    login(client, other_admin)
    assert client.post(allocate_url(other, order)).status_code == 404
    client.post("/akun/keluar")
    assert client.post(allocate_url(coop, order), data=proposed_form(order)).status_code == 302
    assert db.session.query(Assignment).count() == 0
    db.session.refresh(order)
    assert order.status == OrderStatus.CONFIRMED


def test_empty_work_list(client):
    login(client, make_user())
    assert client.get("/pekerjaan/").status_code == 200
