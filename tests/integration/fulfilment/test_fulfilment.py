"""The admin splits a confirmed order among members; members see their own work."""

from datetime import timedelta

import pytest

from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.fulfilment.models import Assignment, AssignmentStatus
from marketplace.fulfilment.services import propose_allocation
from marketplace.orders.models import OrderStatus
from marketplace.payments.services import record_bank_transfer
from tests.factories import (
    client_for,
    english_user,
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


def test_my_work_lists_what_awaits_an_answer_then_what_to_make_then_the_rest(app):
    coop = make_cooperative(admin=make_user("Admin"))
    product = make_product(coop)
    member = make_member(coop, user=english_user("Ani"))
    make_offer(member, product, 1000)
    buyer = make_user()
    soon, later, latest = (order_of(buyer, product, 20, days_ahead=d) for d in (20, 40, 60))
    now = utcnow()

    def assign(order, status, **columns):
        row = Assignment(
            order_line=order.lines[0],
            membership=member,
            quantity=10,
            payout_per_unit=1000,
            status=status,
            **columns,
        )
        db.session.add(row)
        return row

    done = assign(latest, AssignmentStatus.PASSED, accepted_quantity=10, checked_at=now)
    to_make_later = assign(later, AssignmentStatus.IN_PRODUCTION)
    to_make_soon = assign(soon, AssignmentStatus.ACCEPTED)
    answer_late = assign(later, AssignmentStatus.PROPOSED, respond_by=now + timedelta(days=2))
    answer_soon = assign(latest, AssignmentStatus.PROPOSED, respond_by=now + timedelta(days=1))
    db.session.commit()
    page = client_for(app, member.user).get("/pekerjaan/").get_data(as_text=True)
    links = [
        f'/pekerjaan/{a.id}"' for a in (answer_soon, answer_late, to_make_soon, to_make_later, done)
    ]
    positions = [page.index(link) for link in links]
    assert positions == sorted(positions)
    headings = ["Waiting for your answer", "To make and deliver", "Delivered and finished"]
    marks = [page.index(h) for h in headings]
    assert marks == sorted(marks)
    assert marks[0] < positions[0] and marks[1] < positions[2] < marks[2] < positions[4]
